namespace Consultation.Tests.Domain.Conditions;

using System.Globalization;
using System.Text;

/// <summary>
/// Conditions made at random from the grammar and the shared questionnaire, a third of them with one
/// character broken: beyond the hand-written cases, the server and the browser must agree on these too.
/// </summary>
public static class RandomConditions
{
    private static readonly string[] References =
        ["role", "topics", "agree", "name", "story", "staff", "founded", "score", "priorities", "grid", "grid.funding", "grid.access", "grid.salary",
         "member", "email", "consent", "paper", "intro", "nobody", "next", "role.x"];

    private static readonly string[] Operators = ["=", "!=", "<", "<=", ">", ">="];

    private static readonly string[] Literals =
        ["'ngo'", "'gov'", "'ai'", "'4'", "'yes'", "'no'", "'agree'", "'neutral'", "'speed'", "'Ada'", "'O''Brien'", "''", "'2020-01-01'", "'2024-02-29'",
         "'2023-02-29'", "0", "10", "-5", "2.5", "9.99", "'10'"];

    // Tests that pass the type rules, so that most conditions get as far as being evaluated.
    private static readonly string[] GoodTests =
        ["role = 'ngo'", "role != 'company'", "role in ('ngo', 'gov')", "selected(role, 'gov')", "selected(topics, 'ai')", "agree in ('4', '5')",
         "name = 'Ada'", "name != ''", "story = 'line one'", "email != 'a@b.org'", "staff > 10", "staff <= -4.5", "staff in (1, 2, 3)", "score >= 9",
         "score < 7", "founded < '2020-01-01'", "founded >= '2024-02-29'", "selected(priorities, 'speed')", "grid.funding = 'agree'",
         "grid.access in ('neutral', 'disagree')", "answered(grid)", "member = 'yes'", "answered(consent)", "answered(paper)", "answered(role)"];

    private const string Noise = " ()'=!<>.,-_aZ19\t";

    public static IEnumerable<string> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var text = Expression(random, 0);
            yield return random.Next(3) == 0 ? Break(random, text) : text;
        }
    }

    private static string Expression(Random random, int depth)
    {
        var roll = depth >= 3 ? 9 : random.Next(10);
        return roll switch
        {
            0 or 1 => $"{Expression(random, depth + 1)} and {Expression(random, depth + 1)}",
            2 => $"{Expression(random, depth + 1)} or {Expression(random, depth + 1)}",
            3 => $"not {Expression(random, depth + 1)}",
            4 => $"({Expression(random, depth + 1)})",
            _ => Test(random),
        };
    }

    private static string Test(Random random)
    {
        if (random.Next(4) != 0)
            return Pick(random, GoodTests);
        var subject = Pick(random, References);
        return random.Next(6) switch
        {
            0 => $"answered({subject})",
            1 => $"selected({subject}, {Pick(random, Literals)})",
            2 => $"{subject} in ({string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, Literals)))})",
            _ => $"{subject} {Pick(random, Operators)} {Pick(random, Literals)}",
        };
    }

    private static string Break(Random random, string text)
    {
        var at = random.Next(text.Length + 1);
        var broken = new StringBuilder(text);
        if (random.Next(2) == 0 && at < text.Length)
            broken.Remove(at, 1);
        else
            broken.Insert(at, Noise[random.Next(Noise.Length)].ToString(CultureInfo.InvariantCulture));
        return broken.ToString();
    }

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];
}
