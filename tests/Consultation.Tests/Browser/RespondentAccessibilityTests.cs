namespace Consultation.Tests.Browser;

using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

/// <summary>
/// Issue 8's quality bars on the respondent pages: an axe-core scan (WCAG 2.0, 2.1, 2.2 A and AA, best practices)
/// with zero violations and no sideways scrolling at 360 px, per page and interface language; a response
/// completed with the keyboard alone; an error summary that leads to its fields.
/// </summary>
[Trait("Category", "Browser")]
public sealed class RespondentAccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 360;

    /// <summary>
    /// The pages under test, by name, each opened on the demo consultation (translated into every interface language)
    /// in the given language. A new respondent page is one more line here.
    /// </summary>
    private Dictionary<string, Func<IPage, string, Task>> Pages => new()
    {
        ["landing"] = (page, lang) => page.GotoAsync($"/c/{DemoSeeder.Slug}?lang={lang}"),
        ["answer-errors"] = (page, lang) => SubmitEmptyAsync(page, $"/c/{DemoSeeder.Slug}/answer?lang={lang}"),
        ["review-errors"] = ReviewWithMissingAnswersAsync,
        ["thank-you"] = async (page, lang) => await page.GotoAsync($"{await SubmittedResponseAsync(lang)}/thank-you?lang={lang}"),
        ["my-answers"] = async (page, lang) => await page.GotoAsync($"{await SubmittedResponseAsync(lang)}/my-answers?lang={lang}"),
    };

    private static readonly string[] PageNames = ["landing", "answer-errors", "review-errors", "thank-you", "my-answers"];

    /// <summary>
    /// The review page showing problems: the first page answered, the second left empty with "Previous section" (which saves
    /// without checking), then the review opened from the address bar, as a respondent coming back to it would.
    /// </summary>
    private static async Task ReviewWithMissingAnswersAsync(IPage page, string lang)
    {
        await page.GotoAsync($"/c/{DemoSeeder.Slug}/answer?lang={lang}");
        await page.Locator("input[name='a.respondent_type'][value='academic']").CheckAsync();
        await page.Locator("#q-country").SelectOptionAsync("ke");
        await RespondentSteps.ContinueAsync(page, "**/answer/2");
        await RespondentSteps.PreviousAsync(page, "**/answer/1");
        await page.GotoAsync($"{RespondentSteps.BasePath(page)}/review?lang={lang}");
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#review-form")).ToBeVisibleAsync();
    }

    /// <summary>A response submitted on the demo's public link (without a browser, for speed); returns its resume base path.</summary>
    private async Task<string> SubmittedResponseAsync(string lang)
    {
        var respondent = Browser.App.Respondent(Locale(lang));
        var location = await RespondentSteps.CompleteWithoutBrowserAsync(respondent, $"/c/{DemoSeeder.Slug}/answer", DemoAnswers.Valid());
        Assert.EndsWith("/thank-you", location, StringComparison.Ordinal);
        return location[..location.LastIndexOf('/')];
    }

    public static TheoryData<string, string> PagesInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in PageNames)
            foreach (var lang in UiLanguages.Supported)
                data.Add(name, lang);
        return data;
    }

    /// <summary>
    /// One load per page and language: on a 360 px phone it must not scroll sideways (screenshot kept as
    /// artifacts/screenshots/a11y-{page}-{lang}.png) and axe finds nothing; widened to a desktop, axe again.
    /// </summary>
    [Theory]
    [MemberData(nameof(PagesInEveryLanguage))]
    public async Task RespondentPage_FitsAPhone_AndHasNoAxeViolations(string name, string lang)
    {
        var page = await Browser.NewPageAsync(Locale(lang), PhoneWidth);
        await Pages[name](page, lang);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await BrowserFixture.ScreenshotAsync(page, $"a11y-{name}-{lang}");

        var widths = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, viewport) = (widths[0], widths[1]);
        Assert.Equal(PhoneWidth, viewport);
        Assert.True(scrollWidth <= viewport, $"{name} in {lang} scrolls sideways at {viewport} px: {scrollWidth} px wide.");
        await AssertNoAxeViolationsInDetailAsync(page, $"{name} in {lang} at {PhoneWidth} px");

        await page.SetViewportSizeAsync(1280, 800);
        await AssertNoAxeViolationsInDetailAsync(page, $"{name} in {lang} at 1280 px");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The organiser and analyst pages of the demo, signed in as its admin, in English at desktop width (not a quality bar of
    /// issue 8, but cheap to keep clean), the translation editor included: its long source texts are regions named by
    /// their group and caption, so no two landmarks share a name (axe landmark-unique).
    /// </summary>
    [Fact]
    public async Task StaffPages_HaveNoAxeViolations()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await AssertNoAxeViolationsInDetailAsync(page, "/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(DemoSeeder.AdminEmail);
        await page.GetByLabel("Password").FillAsync(AppFactory.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/staff", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var id = await Browser.App.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());

        var failures = new List<string>();
        foreach (var path in new[]
        {
            "/staff", "/organise", "/organise/new", $"/organise/{id}", $"/organise/{id}/questionnaire", $"/organise/{id}/questions/country",
            $"/organise/{id}/translations", $"/organise/{id}/translations/fr", $"/organise/{id}/preview", $"/organise/{id}/history", $"/organise/{id}/settings",
            $"/organise/{id}/team", $"/organise/{id}/publish", $"/organise/{id}/test-responses", "/analyse", $"/analyse/{id}",
            "/account/password",
        })
        {
            await page.GotoAsync(path);
            if (path == "/account/password")
                await BrowserFixture.ScreenshotAsync(page, "change-password-en");
            try
            {
                await AssertNoAxeViolationsInDetailAsync(page, path);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add(e.Message);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public async Task TheScan_ReportsAViolation_WithItsRuleImpactTargetAndHelp()
    {
        var page = await Browser.NewPageAsync();
        await Pages["landing"](page, "en");
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=\"unlabelled\" type=\"text\">')");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AssertNoAxeViolationsInDetailAsync(page, "a page with an unlabelled field"));
        Assert.Contains("- label (critical): Form elements must have labels", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#unlabelled", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorSummary_LinksToEachField_AndEachFieldIsMarkedInvalidAndDescribedByItsError()
    {
        var page = await Browser.NewPageAsync("en-GB");
        await page.GotoAsync($"/c/{DemoSeeder.Slug}/answer");
        // Each page left empty shows its own problems, then is answered to reach the next.
        var answersByPage = new[]
        {
            new[] { ("respondent_type", "academic"), ("country", "ke") },
            new[] { ("priority_evaluations", "5"), ("priority_interpretability", "4"), ("priority_robustness", "3"), ("priority_societal", "no_opinion") },
        };
        var total = 0;
        for (var number = 1; number <= 3; number++)
        {
            await RespondentSteps.ContinueWithErrorsAsync(page);
            total += await AssertEachSummaryLinkLeadsToItsFieldAsync(page);
            if (number == 3)
                break;
            foreach (var (code, value) in answersByPage[number - 1])
            {
                if (code == "country")
                    await page.Locator("#q-country").SelectOptionAsync(value);
                else
                    await page.Locator($"input[name='a.{code}'][value='{value}']").CheckAsync();
            }
            await RespondentSteps.ContinueAsync(page, $"**/answer/{number + 1}");
        }
        Assert.True(total >= 5, $"Expected an error per required question, found {total}.");

        // A checkbox set with a limit also names the limit as part of the group's description.
        var limited = page.Locator("[data-question='cooperation_forms'] fieldset");
        await Assertions.Expect(limited).ToHaveAttributeAsync("aria-describedby", "hint-cooperation_forms error-cooperation_forms hint-cooperation_forms-selections");
        await Assertions.Expect(page.Locator("#hint-cooperation_forms-selections")).ToBeVisibleAsync();
    }

    /// <summary>Activates each link of the error summary from the keyboard and checks the field it leads to; returns how many.</summary>
    private static async Task<int> AssertEachSummaryLinkLeadsToItsFieldAsync(IPage page)
    {
        var links = page.Locator("[data-error-summary] a");
        var count = await links.CountAsync();
        Assert.True(count > 0, $"{page.Url} shows no problem.");
        for (var i = 0; i < count; i++)
        {
            var link = links.Nth(i);
            var targetId = (await link.GetAttributeAsync("href"))!.TrimStart('#');
            // Activated from the keyboard: focus the link, press Enter.
            await link.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var field = page.Locator($"[id='{targetId}']");
            await Assertions.Expect(field).ToBeFocusedAsync();
            await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");

            // A group of radios or checkboxes is described on its fieldset, read when focus enters the group.
            var describedBy = await field.EvaluateAsync<string?>(
                "e => e.getAttribute('aria-describedby') ?? e.closest('fieldset')?.getAttribute('aria-describedby') ?? null");
            Assert.False(string.IsNullOrEmpty(describedBy), $"#{targetId} has no aria-describedby.");
            var error = page.Locator(string.Join(", ", describedBy!.Split(' ').Select(id => $"[id='{id}']"))).Locator("xpath=self::*[contains(@class, 'question__error')]");
            await Assertions.Expect(error).ToHaveCountAsync(1);
            var errorText = (await error.InnerTextAsync()).Trim();
            Assert.Contains(errorText.Replace("Error:", "", StringComparison.Ordinal).Trim(), await link.InnerTextAsync(), StringComparison.Ordinal);
        }
        return count;
    }

    [Fact]
    public async Task ConsultationWithConditions_CompletedWithTheKeyboardAlone_IsStored()
    {
        var consultation = await Browser.App.WithDbAsync(async db =>
        {
            var c = SmallWithConditions($"keyboard-{Guid.NewGuid():N}"[..20], Browser.App.Clock.GetUtcNow());
            db.Consultations.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        var page = await Browser.NewPageAsync("en-GB");
        var keys = page.Keyboard;
        await page.GotoAsync($"/c/{consultation.Slug}");

        await TabToAsync(page, "a[href$='/answer']");
        // Waiting for the navigation while the key is pressed, and only until the document is parsed: the next steps
        // use the keyboard on the form, not the page's images or fonts, which a loaded machine can take long to finish.
        var answerPage = page.WaitForURLAsync("**/answer", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await keys.PressAsync("Enter");
        await answerPage;

        // The radios: Tab enters the group on its first choice, Space picks it, an arrow moves to and picks the next.
        await TabToAsync(page, "input[name='a.role'][value='individual']");
        await keys.PressAsync("Space");
        await keys.PressAsync("ArrowDown");
        Assert.True(await page.Locator("input[name='a.role'][value='organisation']").IsCheckedAsync());
        // The follow-up shows as soon as its condition holds, next in the tab order.
        await Assertions.Expect(page.Locator("[data-question='organisation']")).ToBeVisibleAsync();
        await TabToAsync(page, "#q-organisation");
        await keys.TypeAsync("Fondation Exemple");
        // Enter in a text field presses the form's first button: "Save and continue", never "Previous section".
        await PressAndWaitAsync(page, "Enter", "**/answer/2");

        await TabToAsync(page, "input[name='a.topics'][value='safety']");
        await keys.PressAsync("Space");
        await TabToAsync(page, "input[name='a.topics'][value='climate']");
        await keys.PressAsync("Space");
        // Back one with Shift+Tab and untick it again.
        await keys.PressAsync("Shift+Tab");
        await AssertFocusedAsync(page, "input[name='a.topics'][value='privacy']");
        await keys.PressAsync("Space");
        await keys.PressAsync("Space");

        await TabToAsync(page, "#q-comments");
        await keys.TypeAsync("Typed, not pasted.");
        await TabToAsync(page, "button[data-primary-action]");
        await PressAndWaitAsync(page, "Enter", "**/review");

        // The review: its "Change" links are in the tab order before the one button that submits.
        await TabToAsync(page, "a[href$='/answer/1']");
        await TabToAsync(page, "#review-form button[data-primary-action]");
        await PressAndWaitAsync(page, "Enter", "**/thank-you");

        var stored = await Browser.App.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == consultation.Id));
        Assert.Equal(ResponseStatus.Submitted, stored.Status);
        Assert.Equal("organisation", stored.Answers.Text("role"));
        Assert.Equal("Fondation Exemple", stored.Answers.Text("organisation"));
        Assert.Equal(["safety", "climate"], stored.Answers.Choices("topics"));
        Assert.Equal("Typed, not pasted.", stored.Answers.Text("comments"));
    }

    /// <summary>
    /// Presses a key and waits for the page it leads to, only until the document is parsed: the next steps use the keyboard
    /// on the form, not the page's images or fonts, which a loaded machine can take long to finish.
    /// </summary>
    private static async Task PressAndWaitAsync(IPage page, string key, string urlGlob)
    {
        var moved = page.WaitForURLAsync(urlGlob, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Keyboard.PressAsync(key);
        await moved;
    }

    /// <summary>Two pages: a single choice and a follow-up shown by a condition; a checkbox set and a text.</summary>
    private static Consultation SmallWithConditions(string slug, DateTimeOffset now)
    {
        var c = Consultation.Create(slug, "en", ["en"], AccessMode.PublicLink, false, 3, now);
        void Label(string key, string text) => c.SetText(key, TextField.Label, "en", text);
        c.SetText(ElementKey.Consultation, TextField.Title, "en", "A short consultation");
        var section = c.AddSection("about");
        c.SetText(ElementKey.Section("about"), TextField.Title, "en", "About you");

        var role = section.AddQuestion(c, "role", QuestionType.SingleChoice, true);
        Label(ElementKey.Question("role"), "Are you answering for yourself or an organisation?");
        foreach (var (code, text) in new[] { ("individual", "For myself"), ("organisation", "For an organisation") })
        {
            role.AddOption(code);
            Label(ElementKey.Option("role", code), text);
        }
        section.AddQuestion(c, "organisation", QuestionType.ShortText, true);
        Label(ElementKey.Question("organisation"), "Organisation name");
        c.SetCondition("organisation", "role = 'organisation'");

        var views = c.AddSection("views");
        c.SetText(ElementKey.Section("views"), TextField.Title, "en", "Your views");
        var topics = views.AddQuestion(c, "topics", QuestionType.MultipleChoice, true);
        Label(ElementKey.Question("topics"), "Which topics matter to you?");
        foreach (var (code, text) in new[] { ("safety", "Safety"), ("privacy", "Privacy"), ("climate", "Climate") })
        {
            topics.AddOption(code);
            Label(ElementKey.Option("topics", code), text);
        }
        views.AddQuestion(c, "comments", QuestionType.LongText, false);
        Label(ElementKey.Question("comments"), "Anything else?");

        c.Schedule(null, now.AddDays(30));
        c.Publish(now);
        return c;
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has focus, checking each stop shows it.</summary>
    private static async Task TabToAsync(IPage page, string selector, int maxPresses = 40)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                await AssertFocusedAsync(page, selector);
                return;
            }
        }
        Assert.Fail($"{maxPresses} presses of Tab did not reach {selector}.");
    }

    /// <summary>The element has focus and shows it: a focus outline or ring (computed outline or box-shadow).</summary>
    private static async Task AssertFocusedAsync(IPage page, string selector)
    {
        var focus = await page.EvaluateAsync<string[]>("""
            s => {
              const e = document.activeElement;
              const style = getComputedStyle(e);
              return [String(e.matches(s)), style.outlineStyle, style.outlineWidth, style.boxShadow];
            }
            """, selector);
        var (matches, outlineStyle, outlineWidth, boxShadow) = (focus[0] == "true", focus[1], focus[2], focus[3]);
        Assert.True(matches, $"Focus is not on {selector}.");
        var outlined = outlineStyle != "none" && outlineWidth != "0px";
        Assert.True(outlined || boxShadow != "none", $"{selector} shows no focus (outline {outlineStyle} {outlineWidth}, box-shadow {boxShadow}).");
    }

    private static async Task SubmitEmptyAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("button[data-primary-action]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
    }

    private static readonly AxeRunOptions WcagAndBestPractice = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    };

    private async Task AssertNoAxeViolationsInDetailAsync(IPage page, string what)
    {
        var result = await page.RunAxe(WcagAndBestPractice);
        Assert.NotEmpty(result.Passes);
        // What axe cannot decide alone (contrast over an image, say) is for a person to review, not a failure.
        foreach (var item in result.Incomplete)
            output.WriteLine($"{what}: review {item.Id}: {item.Help} ({string.Join(", ", item.Nodes.Select(n => n.Target))})");
        var violations = result.Violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}  {n.Html}\n      {FirstMessage(n)}")));
        Assert.True(result.Violations.Length == 0, $"axe found {result.Violations.Length} violation(s) on {what}:\n{string.Join("\n", violations)}");
    }

    /// <summary>What axe says is wrong with the node, such as the contrast ratio it measured.</summary>
    private static string FirstMessage(AxeResultNode node) =>
        new[] { node.Any, node.All, node.None }.SelectMany(checks => checks ?? []).Select(c => c.Message).FirstOrDefault(m => !string.IsNullOrEmpty(m)) ?? "";

    private static string Locale(string lang) => lang switch
    {
        "en" => "en-GB",
        "fr" => "fr-FR",
        "ja" => "ja-JP",
        "ko" => "ko-KR",
        "sw" => "sw-KE",
        _ => lang,
    };
}
