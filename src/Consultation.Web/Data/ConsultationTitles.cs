namespace Consultation.Web.Data;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

public static class ConsultationTitles
{
    /// <summary>Each consultation's title in the language asked for, else in its default language, else its slug.</summary>
    public static async Task<Dictionary<Guid, string>> InAsync(ConsultationDbContext db, IReadOnlyCollection<Consultation> consultations,
        string language, CancellationToken cancellationToken)
    {
        var ids = consultations.Select(c => c.Id).ToList();
        var titles = await db.ContentTexts
            .Where(t => ids.Contains(t.ConsultationId) && t.ElementKey == ElementKey.Consultation && t.Field == TextField.Title)
            .ToListAsync(cancellationToken);
        return consultations.ToDictionary(c => c.Id, c =>
            titles.FirstOrDefault(t => t.ConsultationId == c.Id && t.Language == language && t.Text.Length > 0)?.Text
            ?? titles.FirstOrDefault(t => t.ConsultationId == c.Id && t.Language == c.DefaultLanguage)?.Text
            ?? c.Slug);
    }
}
