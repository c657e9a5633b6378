namespace Consultation.Tests.Browser;

using System.Text.Json;
using Consultation.Tests.Domain.Conditions;
using Consultation.Tests.Support;
using Consultation.Web.Domain.Conditions;
using Microsoft.Playwright;

/// <summary>
/// conditions.js and show-if.js as the app serves them, on test pages under the app's strict
/// script policy (no inline scripts): the shared cases, and questions hiding as answers change.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConditionsInBrowserTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";

    [Fact]
    public async Task ConditionsScript_PassesEverySharedCase()
    {
        var page = await OpenAsync("<title>Conditions</title><script src=\"/js/conditions.js\"></script>");

        var mismatches = await page.EvaluateAsync<string[]>("""
            text => {
              const file = JSON.parse(text);
              const wrong = [];
              for (const c of file.cases) {
                const result = ConsultationConditions.check(c.condition, file.questionnaire, c.self ?? null, file.later);
                if (c.error !== undefined) {
                  if (result.ok || result.kind !== c.error || result.position !== c.position)
                    wrong.push(`${c.name}: expected ${c.error} at ${c.position}, got ${JSON.stringify(result)}`);
                  continue;
                }
                if (!result.ok) {
                  wrong.push(`${c.name}: refused, ${result.kind} at ${result.position}`);
                  continue;
                }
                const shown = ConsultationConditions.evaluate(c.condition, c.answers ?? {});
                if (shown !== c.expected) wrong.push(`${c.name}: expected ${c.expected}, got ${shown}`);
              }
              return wrong;
            }
            """, await File.ReadAllTextAsync(ConditionCases.FilePath));

        Assert.True(mismatches.Length == 0, $"{mismatches.Length} of {ConditionCases.All.Count} cases differ in the browser:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public async Task ConditionsScript_AgreesWithTheServer_OnRandomConditions()
    {
        var answerSets = ConditionCases.All.Select(c => c.Answers ?? default).Where(a => a.ValueKind == JsonValueKind.Object).ToList();
        var samples = RandomConditions.Generate(1500, seed: 2026).Select(text =>
        {
            var result = Condition.Check(text, ConditionCases.Questionnaire, laterCodes: ConditionCases.Later);
            var shown = result.Condition is { } condition
                ? string.Concat(ConditionCases.All.Where(c => c.Answers?.ValueKind == JsonValueKind.Object).Select(c => condition.Evaluate(c.AnswerSet) ? 'T' : 'F'))
                : null;
            return new { text, error = result.Error?.Kind.ToString(), position = result.Error?.Position, shown };
        }).ToList();
        var page = await OpenAsync("<title>Conditions</title><script src=\"/js/conditions.js\"></script>");

        var mismatches = await page.EvaluateAsync<string[]>("""
            text => {
              const { questionnaire, later, answerSets, samples } = JSON.parse(text);
              const wrong = [];
              for (const s of samples) {
                const result = ConsultationConditions.check(s.text, questionnaire, null, later);
                const server = s.error === null ? 'ok' : `${s.error} at ${s.position}`;
                const browser = result.ok ? 'ok' : `${result.kind} at ${result.position}`;
                if (server !== browser) { wrong.push(`${JSON.stringify(s.text)}: server ${server}, Browser ${browser}`); continue; }
                if (!result.ok) continue;
                const shown = answerSets.map(a => ConsultationConditions.evaluate(s.text, a) ? 'T' : 'F').join('');
                if (shown !== s.shown) wrong.push(`${JSON.stringify(s.text)}: server ${s.shown}, Browser ${shown}`);
              }
              return wrong;
            }
            """, JsonSerializer.Serialize(new { questionnaire = ConditionCases.QuestionnaireJson, later = ConditionCases.Later, answerSets, samples }));

        Assert.True(mismatches.Length == 0, $"{mismatches.Length} of {samples.Count} random conditions differ:\n" + string.Join("\n", mismatches.Take(30)));
        Assert.Contains(samples, s => s.shown is not null);
        Assert.Contains(samples, s => s.error is not null);
    }

    [Fact]
    public async Task ShowIf_HidesAndDisablesAQuestion_AndCascadesToTheQuestionsThatDependOnIt()
    {
        var page = await OpenAsync(ShowIfForm);
        var staff = page.Locator("[data-question=staff]");
        var budget = page.Locator("[data-question=budget]");

        await Assertions.Expect(staff).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[name='a.staff']")).ToBeDisabledAsync();
        await Assertions.Expect(budget).ToBeHiddenAsync();

        await page.GetByLabel("An NGO").CheckAsync();
        await Assertions.Expect(staff).ToBeVisibleAsync();
        await Assertions.Expect(budget).ToBeHiddenAsync();

        // A French decimal comma; more than 10 shows the budget question.
        await page.GetByLabel("How many staff?").FillAsync("10,5");
        await Assertions.Expect(budget).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Budget")).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "show-if-shown");

        // Hiding staff hides budget too, though staff still holds 10,5.
        await page.GetByLabel("A company").CheckAsync();
        await Assertions.Expect(staff).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[name='a.staff']")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("[name='a.staff']")).ToHaveValueAsync("10,5");
        await Assertions.Expect(budget).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[name='a.budget']")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "show-if-hidden");

        // The field disabled from the start stays disabled when its question shows again.
        await page.GetByLabel("An NGO").CheckAsync();
        await Assertions.Expect(budget).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[name='a.budget.note']")).ToBeDisabledAsync();
    }

    [Theory]
    [InlineData("no", true)]
    [InlineData("yes", false)]
    public async Task ShowIf_OnALaterPage_SeesTheAnswersOfEarlierPages_FromTheForm(string earlierAgree, bool whyShown)
    {
        // As the answer page renders a section whose condition mixes this page's answers and earlier pages' (data-earlier-answers).
        var page = await OpenAsync($$"""
            <title>Earlier answers</title>
            <form data-decimal-separator="." data-earlier-answers='{"agree":"{{earlierAgree}}","role":"industry"}'>
              <div class="question" data-question="why" data-type="LongText" data-show-if="agree = 'no'">
                <label for="why">Why not?</label> <textarea id="why" name="a.why"></textarea>
              </div>
              <div class="question" data-question="size" data-type="Number" data-show-if="role = 'industry' and answered(why)">
                <label for="size">How many staff?</label> <input id="size" name="a.size">
              </div>
            </form>
            <script src="/js/conditions.js"></script>
            <script src="/js/show-if.js"></script>
            """);
        var why = page.Locator("[data-question=why]");
        var size = page.Locator("[data-question=size]");

        if (whyShown)
            await Assertions.Expect(why).ToBeVisibleAsync();
        else
            await Assertions.Expect(why).ToBeHiddenAsync();
        await Assertions.Expect(size).ToBeHiddenAsync();
        if (!whyShown)
            return;
        // An earlier page's answer and this page's together.
        await page.GetByLabel("Why not?").FillAsync("Too vague.");
        await Assertions.Expect(size).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ShowIf_CollectsEveryTypeOfAnswer_InTheShapeTheServerStores()
    {
        var page = await OpenAsync(EveryTypeForm);
        await page.GetByLabel("Climate").CheckAsync();
        await page.GetByLabel("Health").CheckAsync();
        await page.Locator("[name='a.rank.rank.cost']").SelectOptionAsync("1");
        await page.Locator("[name='a.rank.rank.speed']").SelectOptionAsync("2");
        await page.Locator("[name='a.grid.funding']").SelectOptionAsync("agree");
        await page.GetByLabel("Number").FillAsync("-1.5");
        await page.GetByLabel("Day").FillAsync("9");
        await page.GetByLabel("Month").FillAsync("3");
        await page.GetByLabel("Year").FillAsync("2024");
        await page.GetByLabel("When?").FillAsync("2025-12-31");
        await page.GetByLabel("I agree").CheckAsync();
        await page.GetByLabel("Name").FillAsync("  Ada  ");

        var answers = await page.EvaluateAsync<string>("() => JSON.stringify(ConsultationShowIf.refresh(document.querySelector('form')))");

        var expected = """{"one":"b","many":["climate","health"],"rank":["cost","speed"],"grid":{"funding":"agree"},"num":-1.5,"rating":7,"day":"2024-03-09","date":"2025-12-31","yes":"no","ok":true,"name":"Ada"}""";
        Assert.Equal(expected, answers);
    }

    private async Task<IPage> OpenAsync(string body)
    {
        var page = await Browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) => violations.Add(message.Text);
        page.PageError += (_, error) => violations.Add(error);
        await page.RouteAsync("**/test-only/conditions", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html; charset=utf-8",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = Policy },
            Body = $"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">{body}</html>",
        }));
        await page.GotoAsync("/test-only/conditions");
        await page.WaitForFunctionAsync("() => window.ConsultationConditions !== undefined");
        Assert.Empty(violations);
        return page;
    }

    private const string ShowIfForm = """
        <title>Show if</title>
        <form data-decimal-separator=",">
          <div class="question" data-question="role" data-type="SingleChoice">
            <fieldset><legend>Who are you?</legend>
              <label><input type="radio" name="a.role" value="ngo"> An NGO</label>
              <label><input type="radio" name="a.role" value="company"> A company</label>
            </fieldset>
          </div>
          <div class="question" data-question="staff" data-type="Number" data-show-if="role = 'ngo'">
            <label for="staff">How many staff?</label> <input id="staff" name="a.staff">
          </div>
          <div class="question" data-question="budget" data-type="ShortText" data-show-if="staff > 10">
            <label for="budget">Budget</label> <input id="budget" name="a.budget">
            <input name="a.budget.note" value="kept off by the server" disabled>
          </div>
        </form>
        <script src="/js/conditions.js"></script>
        <script src="/js/show-if.js"></script>
        """;

    private const string EveryTypeForm = """
        <title>Every type</title>
        <form data-decimal-separator=".">
          <div class="question" data-question="intro" data-type="Note"><p>Welcome</p></div>
          <div class="question" data-question="one" data-type="SingleChoice">
            <select name="a.one"><option value=""></option><option value="a">A</option><option value="b" selected>B</option></select>
            <input name="a.one.other" value="ignored">
          </div>
          <div class="question" data-question="many" data-type="MultipleChoice">
            <label><input type="checkbox" name="a.many" value="ai"> AI</label>
            <label><input type="checkbox" name="a.many" value="climate"> Climate</label>
            <label><input type="checkbox" name="a.many" value="health"> Health</label>
          </div>
          <div class="question" data-question="rank" data-type="Ranking">
            <select name="a.rank.rank.speed"><option value=""></option><option>1</option><option>2</option></select>
            <select name="a.rank.rank.cost"><option value=""></option><option>1</option><option>2</option></select>
            <select name="a.rank.rank.safety"><option value=""></option><option>1</option><option>2</option></select>
          </div>
          <div class="question" data-question="grid" data-type="Matrix">
            <select name="a.grid.funding"><option value=""></option><option>agree</option><option>disagree</option></select>
            <select name="a.grid.access"><option value=""></option><option>agree</option><option>disagree</option></select>
          </div>
          <div class="question" data-question="num" data-type="Number"><label>Number <input name="a.num"></label></div>
          <div class="question" data-question="rating" data-type="Rating">
            <label><input type="radio" name="a.rating" value="6"> 6</label>
            <label><input type="radio" name="a.rating" value="7" checked> 7</label>
          </div>
          <div class="question" data-question="day" data-type="Date">
            <label>Day <input name="a.day.day"></label><label>Month <input name="a.day.month"></label><label>Year <input name="a.day.year"></label>
          </div>
          <div class="question" data-question="date" data-type="Date"><label>When? <input type="date" name="a.date"></label></div>
          <div class="question" data-question="yes" data-type="YesNo">
            <label><input type="radio" name="a.yes" value="yes"> Yes</label>
            <label><input type="radio" name="a.yes" value="no" checked> No</label>
          </div>
          <div class="question" data-question="ok" data-type="Consent"><label><input type="checkbox" name="a.ok" value="true"> I agree</label></div>
          <div class="question" data-question="file" data-type="FileUpload"><label>File <input type="file" name="a.file"></label></div>
          <div class="question" data-question="name" data-type="ShortText"><label>Name <input name="a.name"></label></div>
          <div class="question" data-question="mail" data-type="Email"><label>Email <input type="email" name="a.mail"></label></div>
        </form>
        <script src="/js/conditions.js"></script>
        <script src="/js/show-if.js"></script>
        """;
}
