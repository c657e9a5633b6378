namespace Consultation.Web.Domain;

/// <summary>
/// One personal link of an invitation, stored only as its token's hash. In a named consultation it is derived from a key
/// kept in configuration (<see cref="KeyId"/> names which), so it can be made again for a resend or a reminder; in an
/// anonymous one it is random, and a resend adds a fresh one (ADR 0018).
/// </summary>
public sealed class InvitationLink
{
    private InvitationLink() { }

    public byte[] TokenHash { get; private set; } = [];

    /// <summary>The id of the configured key the link was derived with (never the key); null for a random link.</summary>
    public string? KeyId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsDerived => KeyId is not null;

    internal static InvitationLink For(string token, string? keyId, DateTimeOffset now) => new()
    {
        TokenHash = InvitationToken.Hash(token) ?? throw new DomainException("The token is not a valid invitation token."),
        KeyId = keyId,
        CreatedAt = now,
    };
}

/// <summary>
/// A secret from configuration that named consultations' links are derived from, with the id an invitation's link records so
/// the secret can be rotated. The secret never leaves this object and never reaches the database.
/// </summary>
public sealed class InvitationLinkKey
{
    public const int MinimumSecretBytes = 32;
    public const int MaximumIdLength = 32;

    private readonly byte[] _secret;

    public InvitationLinkKey(string id, byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!IsValidId(id))
            throw new ArgumentException($"A link key id is 1 to {MaximumIdLength} letters, digits, '.', '_' or '-'.", nameof(id));
        if (secret.Length < MinimumSecretBytes)
            throw new ArgumentException($"A link key holds at least {MinimumSecretBytes} bytes.", nameof(secret));
        Id = id;
        _secret = [.. secret];
    }

    public string Id { get; }

    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaximumIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The token of an invitation's link under this key: the same for the same invitation, every time.</summary>
    public string TokenFor(Guid invitationId) => InvitationToken.Derive(_secret, $"invitation:{invitationId:D}");

    // The secret must not reach a log or a debugger's display through a record-like ToString.
    public override string ToString() => $"InvitationLinkKey {Id}";
}
