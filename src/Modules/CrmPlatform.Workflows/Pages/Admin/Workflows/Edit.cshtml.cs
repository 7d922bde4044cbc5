using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Activities;
using CrmPlatform.Workflows.Features;
using CrmPlatform.Workflows.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Workflows.Pages.Admin.Workflows;

[Authorize(Policy = "Workflows.Manage")]
public sealed class WorkflowEditModel : PageModel
{
    private readonly WorkflowTypes _types;
    private readonly WorkflowEditor _editor;
    private readonly ActivityLibrary _library;

    public WorkflowEditModel(IServiceProvider services)
    {
        _types = services.GetRequiredService<WorkflowTypes>();
        _editor = services.GetRequiredService<WorkflowEditor>();
        _library = services.GetRequiredService<ActivityLibrary>();
    }

    [BindProperty] public string? Draft { get; set; }
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public bool Enabled { get; set; }

    public Guid? Id { get; private set; }
    public WorkflowGraph Graph { get; private set; } = new();
    public IReadOnlyList<ActivityDescriptor> Available { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<(string ActivityId, string Outcome)> Outcomes { get; private set; } = [];
    public DiagramLayout Diagram { get; private set; } = new([], [], 200, 80);
    public bool Saved { get; private set; }

    /// <summary>True after a Save that validation refused: the page says so above the form.</summary>
    public bool SaveFailed { get; private set; }

    public ActivityDescriptor? Describe(string type) => _library.Find(type);

    public string[] ErrorsFor(string key) => Errors.TryGetValue(key, out var messages) ? messages : [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is not null)
        {
            var type = await _types.GetAsync(id.Value, ct);
            if (type is null)
            {
                return NotFound();
            }
            (Id, Name, Description, Enabled, Graph) = (type.Id, type.Name, type.Description, type.Enabled, type.Graph);
            Saved = true;
        }
        await PrepareAsync(validate: id is not null, ct);
        return Page();
    }

    /// <summary>Every editor button posts here with <c>op</c> = add, remove:{id}, connect, disconnect:{index} or save.</summary>
    public async Task<IActionResult> OnPostAsync(Guid? id, string? op, string? addType, string? connectFrom, string? connectTo, CancellationToken ct)
    {
        if (id is not null && await _types.GetAsync(id.Value, ct) is null)
        {
            return NotFound();
        }
        Id = id;
        Graph = WorkflowEditor.ReadDraft(Draft);
        WorkflowEditor.ApplyFields(Graph, Request.Form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString())));
        var (verb, arg) = op?.Split(':', 2) is [var v, var a] ? (v, a) : (op ?? "", "");
        switch (verb)
        {
            case "add" when addType is not null:
                _editor.Add(Graph, addType);
                break;
            case "remove":
                WorkflowEditor.Remove(Graph, arg);
                break;
            case "connect" when connectFrom?.Split('|', 2) is [var from, var outcome] && !string.IsNullOrEmpty(connectTo):
                WorkflowEditor.Connect(Graph, from, outcome, connectTo);
                break;
            case "disconnect" when int.TryParse(arg, out var index):
                WorkflowEditor.Disconnect(Graph, index);
                break;
            case "save":
                _editor.Arrange(Graph);
                var result = await _types.SaveAsync(id, new WorkflowDefinition { Name = Name, Description = Description, Enabled = Enabled, Graph = Graph }, ct);
                if (result.Succeeded)
                {
                    TempData["Status"] = $"Workflow '{result.Value!.Name}' saved.";
                    return Redirect($"/admin/workflows/edit/{result.Value.Id}");
                }
                Errors = result.Errors;
                SaveFailed = true;
                await PrepareAsync(validate: false, ct);
                return Page();
        }
        await PrepareAsync(validate: Graph.Activities.Count > 0, ct);
        return Page();
    }

    private async Task PrepareAsync(bool validate, CancellationToken ct)
    {
        Available = await _library.AvailableAsync(ct);
        if (validate)
        {
            var errors = await _types.ValidateAsync(new WorkflowDefinition { Name = string.IsNullOrWhiteSpace(Name) ? "draft" : Name, Graph = Graph }, Id, ct);
            errors.Remove("name");
            Errors = errors;
        }
        Outcomes = _editor.Outcomes(Graph);
        Diagram = _editor.Layout(Graph);
        Draft = Graph.ToJson();
    }
}
