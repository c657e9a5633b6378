namespace Consultation.Tests.Domain;

using Consultation.Web.Domain;

/// <summary>A live consultation changes safely: text fixes become a version at once, structure waits, and published codes keep their meaning.</summary>
public sealed class LiveVersionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ATextFix_OnALiveConsultation_IsANewVersion_WithTheSameStructure()
    {
        var consultation = Published(out var first);
        consultation.SetText(ElementKey.Question("name"), TextField.Label, "en", "Your full name");

        var second = consultation.PublishTextChanges(first, Now.AddHours(1));

        Assert.NotNull(second);
        Assert.Equal(2, second.Number);
        Assert.Equal("Your full name", second.Snapshot.Text("en", ElementKey.Question("name"), TextField.Label));
        Assert.Equal("Your name", first.Snapshot.Text("en", ElementKey.Question("name"), TextField.Label));
        Assert.False(consultation.HasUnpublishedStructure(second));
    }

    [Fact]
    public void NothingChanged_OrADraft_PublishesNoTextVersion()
    {
        var consultation = Published(out var first);
        Assert.Null(consultation.PublishTextChanges(first, Now));

        var draft = Draft();
        draft.AddSection("about").AddQuestion(draft, "name", QuestionType.ShortText, false);
        Assert.Null(draft.PublishTextChanges(first, Now));
    }

    [Fact]
    public void ATextVersion_LeavesAnUnpublishedQuestionOut_UntilTheStructureIsPublished()
    {
        var consultation = Published(out var first);
        consultation.FindSection("about").AddQuestion(consultation, "role", QuestionType.ShortText, false);
        consultation.SetText(ElementKey.Question("role"), TextField.Label, "en", "Your role");
        consultation.SetText(ElementKey.Question("name"), TextField.Label, "en", "Your full name");

        var texts = consultation.PublishTextChanges(first, Now)!;

        Assert.Equal(["name"], texts.Snapshot.Questions.Select(q => q.Code));
        Assert.True(consultation.HasUnpublishedStructure(texts));
        Assert.Equal([new StructuralChange(StructuralChangeKind.QuestionAdded, "role")], consultation.StructuralChangesSince(texts));

        var structure = consultation.Publish(Now, texts);
        Assert.Equal(3, structure.Number);
        Assert.Equal(["name", "role"], structure.Snapshot.Questions.Select(q => q.Code));
        Assert.Equal(ConsultationStatus.Open, consultation.Status);
    }

    [Fact]
    public void AClearedText_KeepsItsPublishedWording()
    {
        var consultation = Published(out var first);
        consultation.SetText(ElementKey.Question("name"), TextField.Label, "en", "");

        Assert.Null(consultation.PublishTextChanges(first, Now));
    }

    [Fact]
    public void StructuralChanges_AreNamed_ByWhatTheyConcern()
    {
        var consultation = Published(out var first);
        var about = consultation.FindSection("about");
        about.AddQuestion(consultation, "email", QuestionType.Email, false);
        consultation.FindQuestion("name").Require(false);
        consultation.MoveQuestion("email", -1);

        var changes = consultation.StructuralChangesSince(first);

        Assert.Contains(new StructuralChange(StructuralChangeKind.QuestionAdded, "email"), changes);
        Assert.Contains(new StructuralChange(StructuralChangeKind.QuestionChanged, "name"), changes);
        Assert.DoesNotContain(changes, c => c.Kind == StructuralChangeKind.OrderChanged);
        var second = consultation.Publish(Now, first);
        consultation.MoveQuestion("name", -1);
        Assert.Equal([new StructuralChange(StructuralChangeKind.OrderChanged, "")], consultation.StructuralChangesSince(second));
    }

    [Fact]
    public void APublishedCode_IsFixed_ButAQuestionAddedSince_CanBeRecoded()
    {
        var consultation = Published(out _);
        consultation.FindSection("about").AddQuestion(consultation, "q1", QuestionType.ShortText, false);

        Assert.Throws<DomainException>(() => consultation.RecodeQuestion("name", "full_name"));
        consultation.RecodeQuestion("q1", "role");
        Assert.Equal("role", consultation.FindQuestion("role").Code);
    }

    [Fact]
    public void ARemovedPublishedCode_IsNeverReused()
    {
        var consultation = Published(out _);
        consultation.FindSection("about").AddQuestion(consultation, "other", QuestionType.ShortText, false);
        consultation.RemoveQuestion("name");

        var refused = Assert.Throws<DomainException>(() => consultation.FindSection("about").AddQuestion(consultation, "name", QuestionType.Number, false));
        Assert.Equal("The code '{0}' is already used in this consultation.", refused.Template);
        Assert.Equal("name_2", CodeSuggestion.From("Name", "q", consultation.TakenCodes));
    }

    [Fact]
    public void ARemovedPublishedOption_KeepsItsCode()
    {
        var consultation = Draft();
        var question = consultation.AddSection("about").AddQuestion(consultation, "sector", QuestionType.SingleChoice, true);
        question.AddOption("academia");
        question.AddOption("industry");
        consultation.Publish(Now);
        consultation.RemoveOption("sector", "industry");

        Assert.Throws<DomainException>(() => consultation.EnsureChoiceCodeWasNeverPublished("sector", "industry", rows: false));
        Assert.Throws<DomainException>(() => consultation.RecodeOption("sector", "academia", "industry"));
    }

    [Fact]
    public void AnArchivedConsultation_CannotChangeOrPublish()
    {
        var consultation = Published(out _);
        consultation.Close(Now);
        consultation.Archive(Now);

        Assert.Throws<DomainException>(() => consultation.AddSection("more"));
        Assert.Throws<DomainException>(() => consultation.Publish(Now));
        Assert.Contains(consultation.PublicationProblems(Now), p => p.Message == PublicationProblem.Messages.Archived);
    }

    private static Consultation Published(out QuestionnaireVersion first)
    {
        var consultation = Draft();
        consultation.AddSection("about").AddQuestion(consultation, "name", QuestionType.ShortText, true);
        consultation.SetText(ElementKey.Question("name"), TextField.Label, "en", "Your name");
        first = consultation.Publish(Now);
        return consultation;
    }

    private static Consultation Draft() =>
        Consultation.Create("live", "en", ["en"], AccessMode.PublicLink, false, 10, Now);
}
