namespace Correlation.Contracts;

/// <summary>The kinds of communication channel an incident can have.</summary>
public enum ChannelKind
{
    /// <summary>A chat channel where the responders talk ("#inc-2026-1123-leeds", a Slack or Teams link).</summary>
    Chat = 1,
    /// <summary>A bridge call (a conference link or dial-in).</summary>
    Bridge = 2,
    /// <summary>A ticket with a vendor or carrier ("BT-4471223").</summary>
    VendorTicket = 3,
}
