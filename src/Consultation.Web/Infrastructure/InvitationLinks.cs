namespace Consultation.Web.Infrastructure;

using Consultation.Web.Domain;
using Consultation.Web.Email;
using Microsoft.Extensions.Options;

/// <summary>
/// The keys named consultations' personal links are derived from (section <see cref="Section"/>): the one new links use,
/// and every one whose links still open. Secrets live here only, never in the database (ADR 0018).
/// </summary>
public sealed class InvitationLinkOptions
{
    public const string Section = "InvitationLinks";

    /// <summary>The id of the key new links are derived with.</summary>
    public string CurrentKeyId { get; set; } = "";

    /// <summary>Key id → base64 secret of at least 32 bytes. A link derived with a key no longer listed stops opening.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];
}

/// <summary>Stops the start, naming the setting (never a secret), when the link keys are missing or too short.</summary>
public sealed class InvitationLinkOptionsValidator : IValidateOptions<InvitationLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = InvitationLinkOptions.Section;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CurrentKeyId))
            problems.Add($"{section}:CurrentKeyId is not set. Give the id of a key in {section}:Keys, for example {section}__CurrentKeyId=2026a "
                + $"and {section}__Keys__2026a=<the output of: openssl rand -base64 32>.");
        else if (!options.Keys.Keys.Any(id => string.Equals(id, options.CurrentKeyId, StringComparison.OrdinalIgnoreCase)))
            problems.Add($"{section}:CurrentKeyId is '{options.CurrentKeyId}', but {section}:Keys:{options.CurrentKeyId} is not set "
                + "(a base64 secret of at least 32 bytes: openssl rand -base64 32).");
        foreach (var (id, value) in options.Keys)
        {
            if (!InvitationLinkKey.IsValidId(id))
                problems.Add($"{section}:Keys:{id}: a key id is 1 to {InvitationLinkKey.MaximumIdLength} letters, digits, '.', '_' or '-'.");
            else if (string.IsNullOrWhiteSpace(value))
                problems.Add($"{section}:Keys:{id} is not set (a base64 secret of at least {InvitationLinkKey.MinimumSecretBytes} bytes: openssl rand -base64 32).");
            else if (Secret(value) is not { } secret)
                problems.Add($"{section}:Keys:{id} is not base64.");
            else if (secret.Length < InvitationLinkKey.MinimumSecretBytes)
                problems.Add($"{section}:Keys:{id} holds {secret.Length} bytes; a key needs at least {InvitationLinkKey.MinimumSecretBytes} (openssl rand -base64 32).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    internal static byte[]? Secret(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        try
        {
            return Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// Personal links as people receive them (absolute, from the public base URL, never from a request). In a named
/// consultation a link is derived from a configured key, so a resend, a reminder and "copy the link" carry the same one
/// (<see cref="LinkFor"/>); in an anonymous one links are random and cannot be made again, so a resend issues a fresh one
/// (<see cref="IssueFreshLink"/>). Callers save the invitation after <see cref="Issue"/> and <see cref="IssueFreshLink"/>.
/// </summary>
public sealed class InvitationLinks
{
    private readonly Dictionary<string, InvitationLinkKey> _keys;
    private readonly PublicLinks _publicLinks;

    public InvitationLinks(IOptions<InvitationLinkOptions> options, PublicLinks publicLinks)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _publicLinks = publicLinks;
        // Configuration keys ignore case, so key ids do too.
        _keys = value.Keys.ToDictionary(k => k.Key, k => new InvitationLinkKey(k.Key, InvitationLinkOptionsValidator.Secret(k.Value)
            ?? throw new InvalidOperationException($"{InvitationLinkOptions.Section}:Keys:{k.Key} is not base64.")), StringComparer.OrdinalIgnoreCase);
        CurrentKey = _keys.GetValueOrDefault(value.CurrentKeyId)
            ?? throw new InvalidOperationException($"{InvitationLinkOptions.Section}:CurrentKeyId names no key in {InvitationLinkOptions.Section}:Keys.");
    }

    /// <summary>The key new links of named consultations are derived with.</summary>
    public InvitationLinkKey CurrentKey { get; }

    /// <summary>The path of a personal link, to which the respondent pages add theirs.</summary>
    public static string PathFor(string token) => $"/r/{token}";

    /// <summary>
    /// What an invitation or a reminder carries, from the personal link <see cref="Issue"/>, <see cref="LinkFor"/> or
    /// <see cref="IssueFreshLink"/> gave: the link, its opt-out page (also the List-Unsubscribe address, which takes RFC 8058's
    /// one-click post) and its decline page. Both pages belong to the link, so they work as long as it does.
    /// </summary>
    public static EmailLinks EmailLinksFor(string personalLink)
    {
        ArgumentException.ThrowIfNullOrEmpty(personalLink);
        var link = personalLink.TrimEnd('/');
        return new EmailLinks(link, OptOutPathFor(link), DeclinePathFor(link));
    }

    /// <summary>The opt-out page of a personal link (its path or its absolute address).</summary>
    public static string OptOutPathFor(string personalLink) => $"{personalLink}/opt-out";

    /// <summary>The "I will not take part" page of a personal link (its path or its absolute address).</summary>
    public static string DeclinePathFor(string personalLink) => $"{personalLink}/decline";

    /// <summary>
    /// Whether a link opens: a random one always (while its invitation is usable), a derived one while its key is configured.
    /// Its hash is still stored after the key goes, but nobody should be holding a working link from a key taken out.
    /// </summary>
    public bool Opens(InvitationLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return Opens(link.KeyId);
    }

    /// <summary>Whether a link derived with <paramref name="keyId"/> (null: a random link) opens.</summary>
    public bool Opens(string? keyId) => keyId is null || _keys.ContainsKey(keyId);

    /// <summary>A new invitation with its first link: derived in a named consultation, random in an anonymous one.</summary>
    public (Invitation Invitation, string Link) Issue(Consultation consultation, Stakeholder stakeholder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        if (consultation.IsAnonymous)
        {
            var token = InvitationToken.New();
            return (Invitation.Issue(consultation, stakeholder, token, now), _publicLinks.Absolute(PathFor(token)));
        }
        var invitation = Invitation.Issue(consultation, stakeholder, CurrentKey, now);
        return (invitation, _publicLinks.Absolute(PathFor(CurrentKey.TokenFor(invitation.Id))));
    }

    /// <summary>
    /// A new invitation for the invite pass: in a named consultation with its derived link (which every email to it carries);
    /// in an anonymous one with none yet, since each email is given a fresh random link as it is sent (<see cref="IssueFreshLink"/>).
    /// </summary>
    public Invitation Invite(Consultation consultation, Stakeholder stakeholder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        return consultation.IsAnonymous
            ? Invitation.IssueAwaitingLink(consultation, stakeholder, now)
            : Invitation.Issue(consultation, stakeholder, CurrentKey, now);
    }

    /// <summary>
    /// The same link again, for a resend, a reminder or "copy the link" of a named consultation's invitation: the newest of its
    /// links whose key is still configured, the current key's first. Null when none can be derived: always in an anonymous
    /// consultation (use <see cref="IssueFreshLink"/>), and for a named invitation from before derived links or whose key was
    /// removed (<see cref="IssueFreshLink"/> derives it with the current key).
    /// </summary>
    public string? LinkFor(Invitation invitation) => PathFor(invitation) is { } path ? _publicLinks.Absolute(path) : null;

    /// <summary>The path of <see cref="LinkFor"/> (the demo prints it on the address the server listens on).</summary>
    public string? PathFor(Invitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var key = invitation.Links.Where(l => l.KeyId is not null && _keys.ContainsKey(l.KeyId))
            .OrderByDescending(l => string.Equals(l.KeyId, CurrentKey.Id, StringComparison.OrdinalIgnoreCase)).ThenByDescending(l => l.CreatedAt)
            .Select(l => _keys[l.KeyId!]).FirstOrDefault();
        return key is null ? null : PathFor(key.TokenFor(invitation.Id));
    }

    /// <summary>
    /// A link that opens, for a resend or a reminder when <see cref="LinkFor"/> has none: in an anonymous consultation a fresh
    /// random one (the earlier ones keep working); in a named one the link derived with the current key, added if missing.
    /// </summary>
    public string IssueFreshLink(Invitation invitation, Consultation consultation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(consultation);
        if (!consultation.IsAnonymous)
            return _publicLinks.Absolute(PathFor(invitation.Derive(consultation, CurrentKey, now)));
        var token = InvitationToken.New();
        invitation.Reissue(consultation, token, now);
        return _publicLinks.Absolute(PathFor(token));
    }
}

public static class InvitationLinksSetup
{
    public static IServiceCollection AddInvitationLinks(this IServiceCollection services)
    {
        services.AddOptions<InvitationLinkOptions>().BindConfiguration(InvitationLinkOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InvitationLinkOptions>, InvitationLinkOptionsValidator>();
        services.AddSingleton<InvitationLinks>();
        return services;
    }
}
