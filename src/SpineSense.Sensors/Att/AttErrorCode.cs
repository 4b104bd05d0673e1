namespace SpineSense.Sensors.Att;

/// <summary>ATT Error Response codes (Core 5.4 Vol 3 Part F 3.4.1.1; 0xFD–0xFF from the Core Specification Supplement).</summary>
public enum AttErrorCode : byte
{
    InvalidHandle = 0x01,
    ReadNotPermitted = 0x02,
    WriteNotPermitted = 0x03,
    InvalidPdu = 0x04,
    InsufficientAuthentication = 0x05,
    RequestNotSupported = 0x06,
    InvalidOffset = 0x07,
    InsufficientAuthorization = 0x08,
    PrepareQueueFull = 0x09,
    AttributeNotFound = 0x0A,
    AttributeNotLong = 0x0B,
    InsufficientEncryptionKeySize = 0x0C,
    InvalidAttributeValueLength = 0x0D,
    UnlikelyError = 0x0E,
    InsufficientEncryption = 0x0F,
    UnsupportedGroupType = 0x10,
    InsufficientResources = 0x11,
    DatabaseOutOfSync = 0x12,
    ValueNotAllowed = 0x13,
    CccdImproperlyConfigured = 0xFD,
    ProcedureAlreadyInProgress = 0xFE,
    OutOfRange = 0xFF,
}

/// <summary>Plain-language descriptions of ATT errors for <see cref="SensorLinkException"/> messages.</summary>
public static class AttErrors
{
    public static string Describe(byte code) => code switch
    {
        0x01 => "invalid handle",
        0x02 => "read not permitted",
        0x03 => "write not permitted",
        0x04 => "invalid PDU",
        0x05 => "insufficient authentication (the sensor requires pairing)",
        0x06 => "request not supported",
        0x07 => "invalid offset",
        0x08 => "insufficient authorization",
        0x09 => "prepare queue full",
        0x0A => "attribute not found",
        0x0B => "attribute not long",
        0x0C => "insufficient encryption key size",
        0x0D => "invalid attribute value length",
        0x0E => "unlikely error",
        0x0F => "insufficient encryption (the sensor requires an encrypted link)",
        0x10 => "unsupported group type",
        0x11 => "insufficient resources",
        0x12 => "database out of sync",
        0x13 => "value not allowed",
        0xFD => "client characteristic configuration descriptor improperly configured",
        0xFE => "procedure already in progress",
        0xFF => "out of range",
        >= 0x80 and <= 0x9F => "application error 0x" + code.ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
        _ => "reserved error 0x" + code.ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
    };
}
