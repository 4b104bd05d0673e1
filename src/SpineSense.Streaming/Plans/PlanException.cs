namespace SpineSense.Streaming.Plans;

/// <summary>A plan could not be found or is malformed. The message names the plan or file and what is wrong.</summary>
public sealed class PlanException(string message, Exception? inner = null) : Exception(message, inner);
