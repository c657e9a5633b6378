using System.Security.Cryptography;
using System.Text;

namespace Consultation.Web.Domain;

/// <summary>One text of one element in one language; the default language's text is a row like any other.</summary>
public sealed class ContentText
{
    private ContentText() { }

    internal ContentText(Guid consultationId, string elementKey, TextField field, string language, string text, string? sourceHash)
    {
        Id = Guid.NewGuid();
        ConsultationId = consultationId;
        ElementKey = elementKey;
        Field = field;
        Language = language;
        Text = text;
        SourceHash = sourceHash;
        Status = string.IsNullOrWhiteSpace(text) ? TranslationStatus.Missing : TranslationStatus.Approved;
    }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public string ElementKey { get; private set; } = "";
    public TextField Field { get; private set; }
    public string Language { get; private set; } = "";
    public string Text { get; private set; } = "";
    public TranslationStatus Status { get; private set; }

    /// <summary>Hash of the default-language text this translation was made from; null for the default language itself.</summary>
    public string? SourceHash { get; private set; }

    internal void Update(string text, string? sourceHash)
    {
        Text = text;
        SourceHash = sourceHash;
        Status = string.IsNullOrWhiteSpace(text) ? TranslationStatus.Missing : TranslationStatus.Approved;
    }

    internal void Rekey(string elementKey) => ElementKey = elementKey;

    /// <summary>The same text, status and source hash, belonging to another consultation (a duplicate).</summary>
    internal ContentText CopyFor(Guid consultationId) =>
        new(consultationId, ElementKey, Field, Language, Text, SourceHash) { Status = Status };

    public static string Hash(string source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
}
