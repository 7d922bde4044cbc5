using CrmPlatform.Workflows.Model;

namespace CrmPlatform.Workflows.Features;

/// <summary>Places a graph's activities in columns by distance from the start, for the server-rendered SVG diagram.</summary>
public sealed record DiagramLayout(IReadOnlyList<DiagramLayout.Box> Boxes, IReadOnlyList<DiagramLayout.Arrow> Arrows, int Width, int Height)
{
    public const int BoxWidth = 170;
    public const int BoxHeight = 56;
    private const int ColumnGap = 90;
    private const int RowGap = 40;
    private const int Margin = 20;

    public sealed record Box(string Id, string Title, string Type, int X, int Y, bool IsStart);

    public sealed record Arrow(string Outcome, int X1, int Y1, int X2, int Y2, bool Back);

    /// <summary>An SVG text element (Razor reserves the text tag), with the content encoded.</summary>
    public static string Text(int x, int y, string content, int size, string fill, bool bold = false, bool middle = false) =>
        $"<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" fill=\"{fill}\"{(bold ? " font-weight=\"600\"" : "")}{(middle ? " text-anchor=\"middle\"" : "")}>{System.Net.WebUtility.HtmlEncode(content)}</text>";

    public static DiagramLayout Create(WorkflowGraph graph, Func<string, string> titleOf, Func<string, bool> isEvent)
    {
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var start in graph.Activities.Where(a => isEvent(a.Type)))
        {
            column[start.Id] = 0;
            queue.Enqueue(start.Id);
        }
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            foreach (var t in graph.Transitions.Where(t => t.From == id && graph.Find(t.To) is not null && !column.ContainsKey(t.To)))
            {
                column[t.To] = column[id] + 1;
                queue.Enqueue(t.To);
            }
        }
        var unreachableColumn = column.Count == 0 ? 0 : column.Values.Max() + 1;
        var rows = new Dictionary<int, int>();
        var boxes = new List<Box>();
        foreach (var activity in graph.Activities)
        {
            var c = column.GetValueOrDefault(activity.Id, unreachableColumn);
            var r = rows.GetValueOrDefault(c);
            rows[c] = r + 1;
            boxes.Add(new Box(activity.Id, titleOf(activity.Type), activity.Type, Margin + c * (BoxWidth + ColumnGap), Margin + r * (BoxHeight + RowGap), isEvent(activity.Type)));
        }
        var byId = boxes.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var arrows = graph.Transitions
            .Where(t => byId.ContainsKey(t.From) && byId.ContainsKey(t.To))
            .Select(t =>
            {
                var from = byId[t.From];
                var to = byId[t.To];
                var back = to.X <= from.X;
                return new Arrow(t.Outcome, from.X + BoxWidth, from.Y + BoxHeight / 2, back ? to.X + BoxWidth / 2 : to.X, back ? to.Y + BoxHeight : to.Y + BoxHeight / 2, back);
            })
            .ToList();
        var width = boxes.Count == 0 ? 200 : boxes.Max(b => b.X) + BoxWidth + Margin;
        var height = boxes.Count == 0 ? 80 : boxes.Max(b => b.Y) + BoxHeight + Margin + 20;
        return new DiagramLayout(boxes, arrows, width, height);
    }
}
