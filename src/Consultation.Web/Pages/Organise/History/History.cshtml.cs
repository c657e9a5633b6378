namespace Consultation.Web.Pages.Organise.History;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// A consultation's history: every audited change filed under it, newest first, a page at a time, with times in
/// the consultation's time zone and each changed object named in words.
/// </summary>
public sealed class HistoryModel(ConsultationDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>What an entry changed, in words: a question or section (code, and its current text when it still has one), a team member, a version.</summary>
    public sealed record Subject(SubjectType Type, string? Code = null, string? Text = null, string? TextLanguage = null, int? Version = null);

    public enum SubjectType { Question, Section, Member, Version }

    public sealed record Entry(DateTimeOffset At, DateTime Local, string Actor, bool ByTheSchedule, string Action, Subject? Subject);

    public Guid ConsultationId { get; private set; }
    public string Title { get; private set; } = "";
    public string TimeZone { get; private set; } = "UTC";
    public IReadOnlyList<Entry> Entries { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasOlder { get; private set; }
    public HistoryKind? Kind { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, [FromQuery] int page, [FromQuery] HistoryKind? kind,
        CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return NotFound();
        ConsultationId = consultationId;
        var language = CultureInfo.CurrentUICulture.Name;
        Title = (await ConsultationTitles.InAsync(db, [consultation], language, cancellationToken))[consultationId];
        TimeZone = consultation.TimeZone;
        var zone = ZonedTime.Find(TimeZone) ?? TimeZoneInfo.Utc;
        PageNumber = Paging.Number(page, PageSize);
        Kind = kind is { } k && Enum.IsDefined(k) ? k : null;

        var events = db.AuditEvents.AsNoTracking().Where(e => e.ConsultationId == consultationId);
        if (Kind is { } only)
        {
            var actions = HistoryKinds.Actions(only);
            events = events.Where(e => actions.Contains(e.Action));
        }
        var found = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Paging.Offset(PageNumber, PageSize)).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasOlder = found.Count > PageSize;
        found = found.Take(PageSize).ToList();

        var subjects = await SubjectsAsync(consultation, found, language, cancellationToken);
        Entries = found.Select(e => new Entry(e.At, ZonedTime.ToLocal(e.At, zone)!.Value, e.Actor,
            e.UserId is null && e.Actor == OpenAndCloseConsultationsJob.Actor, e.Action, subjects.GetValueOrDefault(e.Id))).ToList();
        return Page();
    }

    /// <summary>Names what each event changed, with a few queries for the whole page rather than one per event.</summary>
    private async Task<Dictionary<Guid, Subject>> SubjectsAsync(Consultation consultation, IReadOnlyList<AuditEvent> events, string language,
        CancellationToken cancellationToken)
    {
        // Events of questions, sections and members name them "{consultation id}/{code or user id}".
        static string? Tail(AuditEvent e) => e.ObjectId?.Split('/') is [_, var tail] ? tail : null;

        var elementKeys = events.Select(e => (e.ObjectType, Code: Tail(e))).Where(x => x.Code is not null)
            .Select(x => x.ObjectType switch { "question" => ElementKey.Question(x.Code!), "section" => ElementKey.Section(x.Code!), _ => null })
            .OfType<string>().Distinct().ToList();
        var texts = await db.ContentTexts.AsNoTracking()
            .Where(t => t.ConsultationId == consultation.Id && elementKeys.Contains(t.ElementKey) && (t.Field == TextField.Label || t.Field == TextField.Title)
                && (t.Language == language || t.Language == consultation.DefaultLanguage) && t.Text != "")
            .Select(t => new { t.ElementKey, t.Language, t.Text }).ToListAsync(cancellationToken);

        var userIds = events.Where(e => e.ObjectType == "consultation-member").Select(e => Guid.TryParse(Tail(e), out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", cancellationToken);

        // A publication is recorded with the consultation, not the version: the version is the latest published by then.
        var versions = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.ConsultationId == consultation.Id)
            .Select(v => new { v.Number, v.PublishedAt }).ToListAsync(cancellationToken);

        Subject Element(SubjectType type, string code, string elementKey)
        {
            var text = texts.FirstOrDefault(t => t.ElementKey == elementKey && t.Language == language)
                ?? texts.FirstOrDefault(t => t.ElementKey == elementKey);
            return new Subject(type, code, text?.Text, text?.Language);
        }

        var subjects = new Dictionary<Guid, Subject>();
        foreach (var e in events)
        {
            Subject? subject = (e.ObjectType, Tail(e)) switch
            {
                ("question", { } code) => Element(SubjectType.Question, code, ElementKey.Question(code)),
                ("section", { } code) => Element(SubjectType.Section, code, ElementKey.Section(code)),
                ("consultation-member", { } user) => new Subject(SubjectType.Member,
                    Text: Guid.TryParse(user, out var userId) ? emails.GetValueOrDefault(userId) : null),
                _ when e.Action is AuditActions.ConsultationPublished or AuditActions.TextsPublished
                    && versions.Where(v => v.PublishedAt <= e.At).Select(v => (int?)v.Number).Max() is { } number
                    => new Subject(SubjectType.Version, Version: number),
                _ => null,
            };
            if (subject is not null)
                subjects[e.Id] = subject;
        }
        return subjects;
    }
}
