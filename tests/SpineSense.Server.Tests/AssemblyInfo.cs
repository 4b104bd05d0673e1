// One test class at a time: the browser, InfluxDB and the timed review test share a 2-core machine, and a
// load-time claim measured while three other servers compete for the CPU would measure the neighbours.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
