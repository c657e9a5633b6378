namespace Consultation.Tests.Support;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

/// <summary>Reads pages and fills forms the way a browser without scripts would, using only the HTML.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    /// <summary>The name/value pairs a browser would send for the form, with the given controls' values replaced.</summary>
    public static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form, IDictionary<string, string[]>? answers = null,
        IHtmlButtonElement? submitter = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "radio" or "checkbox":
                    if (input.IsChecked)
                        values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    values.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select:
                    values.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(select.Name!, o.Value)));
                    break;
            }
        }
        foreach (var (code, answer) in answers ?? new Dictionary<string, string[]>())
        {
            // A question code (lower case, no dot) stands for its answer field a.{code}; any other name is the field itself.
            var name = code.Contains('.', StringComparison.Ordinal) || !char.IsAsciiLetterLower(code[0]) ? code : $"a.{code}";
            values.RemoveAll(v => v.Key == name);
            values.AddRange(answer.Select(a => new KeyValuePair<string, string>(name, a)));
        }
        if (submitter is { Name: { Length: > 0 } buttonName })
            values.Add(new(buttonName, submitter.Value));
        return values;
    }

    /// <summary>Submits a page's form as a browser would: to its action, with its fields and the given answers.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlDocument page, IDictionary<string, string[]>? answers = null,
        string formSelector = "#answer-form", IHtmlButtonElement? submitter = null, string? pagePath = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on the page.");
        var action = form.GetAttribute("action") is { Length: > 0 } explicitAction ? explicitAction
            : pagePath ?? throw new InvalidOperationException("The form has no action: say which page it is on.");
        return client.PostAsync(action, new FormUrlEncodedContent(FormValues(form, answers, submitter)));
    }

    /// <summary>
    /// Submits a page's form as multipart/form-data, as a browser does when the form has an upload: its fields,
    /// the given answers, and the given files by field name (a.{code}).
    /// </summary>
    public static Task<HttpResponseMessage> SubmitWithFilesAsync(this HttpClient client, IHtmlDocument page, IDictionary<string, string[]>? answers,
        IDictionary<string, (string FileName, byte[] Content)> files, string formSelector = "#answer-form", IHtmlButtonElement? submitter = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on the page.");
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in FormValues(form, answers, submitter).Where(v => !files.ContainsKey(v.Key)))
            content.Add(new StringContent(value), name);
        foreach (var (name, (fileName, bytes)) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, name, fileName);
        }
        return client.PostAsync(form.GetAttribute("action"), content);
    }

    public static string Text(this IParentNode page, string selector) =>
        page.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"Nothing matches {selector}.");
}

public static class ResponseAssert
{
    /// <summary>
    /// Asserts a redirect; on failure shows what the page said instead (its error summary or heading). A public link's pages
    /// move under its resume link once answers are saved (/c/{slug}/resume/{token}/…): that part is not compared.
    /// </summary>
    public static async Task RedirectsTo(string location, HttpResponseMessage response)
    {
        if (response.StatusCode == System.Net.HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } actual
            && (actual == location || System.Text.RegularExpressions.Regex.Replace(actual, "^(/c/[^/]+)/resume/[^/]+", "$1") == location))
            return;
        var page = await Html.ParseAsync(response);
        var said = page.QuerySelector("[data-error-summary], .alert, h1")?.TextContent.Trim();
        Assert.Fail($"Expected a redirect to {location}, got {(int)response.StatusCode} {response.Headers.Location}: {said}");
    }
}
