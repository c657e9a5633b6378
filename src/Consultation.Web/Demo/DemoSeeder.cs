namespace Consultation.Web.Demo;

using System.Security.Cryptography;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>What a start of the demo prints: the public link, one personal link per invitation, and the staff sign-ins.</summary>
public sealed record DemoSeed(string PublicPath, IReadOnlyList<(string Path, string Language)> PersonalLinks,
    IReadOnlyList<string> StaffEmails, string StaffPassword);

/// <summary>
/// Seeds the demo consultation, its stakeholders and their invitations, idempotently. The consultation is named, so its
/// personal links derive from the configured link key (ADR 0018) and every start can print them although only hashes are stored.
/// </summary>
public sealed class DemoSeeder(ConsultationDbContext db, TimeProvider time, UserManager<StaffUser> users, IConfiguration configuration,
    IStringLocalizer<SharedResource> localizer,
    InvitationLinks invitationLinks, Outbox outbox, InProcessSmtpServer? mailbox = null)
{
    public const string AdminEmail = "admin@example.org";
    public const string OrganiserEmail = "organiser@example.org";
    public const string AnalystEmail = "analyst@example.org";
    private const string PasswordName = "demo:password";

    public const string DefinitionName = "ai-safety-priorities";

    /// <summary>The demo consultation's slug (its definition file carries the same name).</summary>
    public const string Slug = DefinitionName;

    public async Task<DemoSeed> SeedAsync(CancellationToken cancellationToken = default)
    {
        var definition = DemoDefinition.Load(DefinitionName);
        var now = time.GetUtcNow();

        var consultation = await db.Consultations.FirstOrDefaultAsync(c => c.Slug == definition.Slug, cancellationToken);
        if (consultation is null)
        {
            consultation = Build(definition, now);
            EmailDefaults.Adopt(consultation, localizer);
            db.Consultations.Add(consultation);
        }

        var links = new List<(string, string)>();
        foreach (var person in definition.Stakeholders)
        {
            var stakeholder = await db.Stakeholders.FirstOrDefaultAsync(s => s.Email == person.Email, cancellationToken);
            if (stakeholder is null)
            {
                stakeholder = Stakeholder.Create(new StakeholderDetails(person.Name, person.Email, person.Organisation, person.Sector, person.Country, person.Language)
                {
                    TimeZone = person.TimeZone,
                    Tags = person.Tags ?? [],
                    ConsentGiven = person.ConsentSource is not null,
                    ConsentDate = person.ConsentSource is null ? null : DateOnly.FromDateTime(now.UtcDateTime),
                    ConsentSource = person.ConsentSource,
                }, now);
                db.Stakeholders.Add(stakeholder);
            }
            var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.ConsultationId == consultation.Id && i.StakeholderId == stakeholder.Id, cancellationToken);
            if (invitation is null)
            {
                invitation = Invitation.Issue(consultation, stakeholder, invitationLinks.CurrentKey, now);
                db.Invitations.Add(invitation);
            }
            // A demo database from before derived links (or from another key) gets the current key's link added.
            var path = invitationLinks.PathFor(invitation)
                ?? InvitationLinks.PathFor(invitation.Derive(consultation, invitationLinks.CurrentKey, now));
            links.Add((path, invitation.Language));
        }
        await db.SaveChangesAsync(cancellationToken);
        // The invitations go out as real emails through the outbox (once: the key holds on later starts), but only into the
        // demo's own mailbox: a demo pointed at a real relay must not write to its made-up addresses.
        if (mailbox is not null && await InvitationMailing.QueueWaitingAsync(db, consultation.Id, now, cancellationToken) > 0)
            outbox.DeliverSoon();
        var password = await SeedStaffAsync(consultation, now, cancellationToken);
        return new DemoSeed($"/c/{definition.Slug}", links, [AdminEmail, OrganiserEmail, AnalystEmail], password);
    }

    /// <summary>
    /// The demo's staff: an admin, and an organiser and an analyst of the demo consultation. Their password is
    /// Demo:Password when set (taken as given, even if it would fail the password rules), else one generated once.
    /// </summary>
    private async Task<string> SeedStaffAsync(Consultation consultation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var password = configuration["Demo:Password"] is { Length: > 0 } given ? given : await GeneratedPasswordAsync(cancellationToken);
        foreach (var (email, name, role, member) in new (string, string, string, MemberRole?)[]
        {
            (AdminEmail, "Demo Admin", StaffRoles.Admin, null),
            (OrganiserEmail, "Demo Organiser", StaffRoles.Organiser, MemberRole.Organiser),
            (AnalystEmail, "Demo Analyst", StaffRoles.Analyst, MemberRole.Analyst),
        })
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                Check(await users.CreateAsync(user));
                Check(await users.AddToRoleAsync(user, role));
            }
            if (!await users.CheckPasswordAsync(user, password))
            {
                user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
                Check(await users.UpdateSecurityStampAsync(user));
            }
            if (member is { } memberRole && !await db.ConsultationMembers.AnyAsync(m => m.ConsultationId == consultation.Id && m.UserId == user.Id, cancellationToken))
                db.ConsultationMembers.Add(ConsultationMember.Add(consultation, user.Id, memberRole, now));
        }
        await db.SaveChangesAsync(cancellationToken);
        return password;
    }

    private async Task<string> GeneratedPasswordAsync(CancellationToken cancellationToken)
    {
        var stored = await db.AppSettings.FindAsync([PasswordName], cancellationToken);
        if (stored is not null)
            return stored.Value;
        var password = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        db.AppSettings.Add(new AppSetting(PasswordName, password));
        await db.SaveChangesAsync(cancellationToken);
        return password;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Seeding the demo accounts failed: " + string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    private static Consultation Build(DemoDefinition definition, DateTimeOffset now)
    {
        var consultation = Consultation.Create(definition.Slug, definition.DefaultLanguage, definition.Languages,
            definition.AccessMode, definition.Anonymous, definition.EstimatedMinutes, now);
        // The default language first, so translations record the hash of their source text.
        var languages = definition.Languages.OrderBy(l => l == definition.DefaultLanguage ? 0 : 1).ToList();
        void Texts(string key, TextField field, Dictionary<string, string>? texts)
        {
            foreach (var language in languages)
                if (texts is not null && texts.TryGetValue(language, out var text))
                    consultation.SetText(key, field, language, text);
        }

        foreach (var (field, texts) in definition.Texts)
            Texts(ElementKey.Consultation, field, texts);
        foreach (var s in definition.Sections)
        {
            var section = consultation.AddSection(s.Code);
            Texts(ElementKey.Section(s.Code), TextField.Title, s.Title);
            foreach (var q in s.Questions)
            {
                var question = section.AddQuestion(consultation, q.Code, q.Type, q.Required).DescribesRespondent(q.Profile);
                if (q.Dropdown)
                    question.ShownAsDropdown();
                if (q.MaxLength is { } maxLength)
                    question.LimitLength(maxLength);
                if (q.MaxSelections is { } maxSelections)
                    question.LimitSelections(maxSelections);
                if (q.Type == QuestionType.Number)
                    question.LimitRange(q.Minimum, q.Maximum, q.Decimals);
                Texts(ElementKey.Question(q.Code), TextField.Label, q.Label);
                Texts(ElementKey.Question(q.Code), TextField.Help, q.Help);
                foreach (var o in q.Options ?? definition.Scales.GetValueOrDefault(q.Scale ?? "") ?? [])
                {
                    question.AddOption(o.Code, o.Sector, o.NoOpinion);
                    Texts(ElementKey.Option(q.Code, o.Code), TextField.Label, o.Label);
                }
            }
        }
        foreach (var q in definition.Sections.SelectMany(s => s.Questions).Where(q => q.ShowIf is not null))
            consultation.SetCondition(q.Code, q.ShowIf);
        consultation.Schedule(null, now.AddDays(definition.ClosesInDays));
        consultation.Publish(now);
        return consultation;
    }
}
