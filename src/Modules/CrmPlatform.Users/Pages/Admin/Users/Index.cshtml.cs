using CrmPlatform.Core.Api;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Users.Pages.Admin.Users;

[Authorize(Policy = "Users.View")]
internal sealed class UsersIndexModel(SearchUsersHandler search, IAuthorizationService authorization) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public UserSearch Filter { get; set; } = new();

    public CursorPage<UserDto> Results { get; private set; } = new([], null);
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanManage = (await authorization.AuthorizeAsync(User, UsersPermissions.ManageUsers.Name)).Succeeded;
        Filter.Limit ??= PageSize;
        var result = await search.HandleAsync(Filter, ct);
        if (result.Succeeded)
        {
            Results = result.Value!;
        }
        else
        {
            Errors = result.Errors;
        }
    }
}
