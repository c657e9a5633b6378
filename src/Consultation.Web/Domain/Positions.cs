namespace Consultation.Web.Domain;

/// <summary>Moving an element one place among its siblings by swapping positions with its neighbour.</summary>
internal static class Positions
{
    public static void Move<T>(IEnumerable<T> siblings, T element, int step, Func<T, int> position, Action<T, int> setPosition)
    {
        var ordered = siblings.OrderBy(position).ToList();
        var index = ordered.IndexOf(element);
        var target = index + Math.Sign(step);
        if (index < 0 || target < 0 || target >= ordered.Count)
            return;
        var neighbour = ordered[target];
        var (mine, theirs) = (position(element), position(neighbour));
        setPosition(element, theirs);
        setPosition(neighbour, mine);
    }
}
