using System.Net;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Assessments;

public abstract class BuilderScreenTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Staff_create_an_assessment_add_questions_and_options_reorder_and_preview_it()
    {
        var staff = await App.ScreenClientAsync(UserRole.InternalStaff);
        var title = "Screens " + Guid.NewGuid().ToString("N")[..8];

        var created = await CrmApp.PostFormAsync(staff, "/admin/assessments/edit", new() { ["Input.Title"] = title, ["Input.Trait"] = "4", ["Input.IsActive"] = "true", ["Input.IsPublic"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await App.WithDbAsync(db => db.Set<Assessment>().Where(a => a.Title == title).Select(a => a.Id).SingleAsync());
        Assert.Equal(AssessmentTrait.Leadership, await App.WithDbAsync(db => db.Set<Assessment>().Where(a => a.Id == id).Select(a => a.Trait).SingleAsync()));
        var questions = $"/admin/assessments/{id}/questions";

        await CrmApp.PostFormAsync(staff, questions + "?handler=AddQuestion", new() { ["Question.Question"] = "First?", ["Question.Type"] = "MultipleChoice", ["Question.Points"] = "3" }, questions);
        await CrmApp.PostFormAsync(staff, questions + "?handler=AddQuestion", new() { ["Question.Question"] = "Second?", ["Question.Type"] = "RatingScale", ["Question.Points"] = "0" }, questions);
        var ids = await App.WithDbAsync(db => db.Set<AssessmentQuestion>().Where(q => q.AssessmentId == id).OrderBy(q => q.SortOrder).Select(q => q.Id).ToListAsync());
        Assert.Equal(2, ids.Count);
        await CrmApp.PostFormAsync(staff, $"{questions}?handler=AddOption&questionId={ids[0]}", new() { ["Option.Text"] = "Yes", ["Option.Points"] = "3", ["Option.IsCorrect"] = "true", ["Option.Dimensions"] = "D=2, I=1" }, questions);
        var moved = await CrmApp.PostFormAsync(staff, $"{questions}?handler=Move&questionId={ids[1]}", new() { ["direction"] = "-1" }, questions);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var order = await App.WithDbAsync(db => db.Set<AssessmentQuestion>().Where(q => q.AssessmentId == id).OrderBy(q => q.SortOrder).Select(q => q.Id).ToListAsync());
        Assert.Equal([ids[1], ids[0]], order);
        var option = await App.WithDbAsync(db => db.Set<AssessmentQuestionOption>().SingleAsync(o => o.QuestionId == ids[0]));
        Assert.Equal(("Yes", 3, true, 2), (option.Text, option.Points, option.IsCorrect, option.Dimensions["D"]));
        var page = await staff.GetStringAsync(questions, Ct);
        Assert.Contains("First?", page);
        Assert.Contains("D=2, I=1", page);
        var preview = await staff.GetStringAsync($"/admin/assessments/{id}/preview", Ct);
        Assert.Contains("Second?", preview);
        Assert.Contains("submitting is disabled", preview);
    }

    [Fact]
    public async Task Scoring_screen_saves_the_form_refuses_bad_json_with_paths_and_tests_answers()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var staff = await App.ScreenClientAsync(UserRole.InternalStaff);
        var url = $"/admin/assessments/{sample.Id}/scoring";
        Assert.Contains("Test the scoring", await staff.GetStringAsync(url, Ct));

        var bad = await CrmApp.PostFormAsync(staff, url + "?handler=Raw", new() { ["Json"] = """{ "rankings": [ { "min": 150, "label": "X" } ] }""" }, url);
        Assert.Contains("$.rankings[0].min", await bad.Content.ReadAsStringAsync(Ct));

        var saved = await CrmApp.PostFormAsync(staff, url + "?handler=Form", new()
        {
            ["Form.MultipleChoiceMode"] = "OptionPoints", ["Form.TrueFalseMode"] = "CorrectAnswer", ["Form.SubjectiveMode"] = "Manual",
            ["Form.RatingMin"] = "1", ["Form.RatingMax"] = "5", ["Form.RatingWeight"] = "1", ["Form.Rankings"] = "90 = Elite\n0 = Rookie",
            ["Form.Dimensions"] = "drive, people", ["Form.UsePersonality"] = "true", ["Form.PersonalityMethod"] = "HighestDimension",
            ["Form.PersonalityLabels"] = "drive = Hunter\npeople = Farmer",
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var json = await App.WithDbAsync(db => db.Set<Assessment>().Where(a => a.Id == sample.Id).Select(a => a.ScoringLogic).SingleAsync());
        Assert.Contains("Elite", json);
        Assert.Contains("Goal-oriented", json); // rules edited in the raw view survive a form save

        var tested = await CrmApp.PostFormAsync(staff, url + "?handler=Test", new() { ["q." + sample.ChoiceId.ToString("N")] = sample.ChoiceOptions[0].ToString() }, url);
        var html = await tested.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"test-result\"", html);
        Assert.Contains("Hunter", html);
    }

    [Fact]
    public async Task List_duplicate_delete_restore_and_the_other_screens_open()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var staff = await App.ScreenClientAsync(UserRole.InternalStaff);
        var title = await App.WithDbAsync(db => db.Set<Assessment>().Where(a => a.Id == sample.Id).Select(a => a.Title).SingleAsync());

        Assert.Contains(title, await staff.GetStringAsync("/admin/assessments", Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await CrmApp.PostFormAsync(staff, $"/admin/assessments?handler=Duplicate&assessmentId={sample.Id}", [], "/admin/assessments")).StatusCode);
        Assert.True(await App.WithDbAsync(db => db.Set<Assessment>().AnyAsync(a => a.Title == "Copy of " + title)));
        await CrmApp.PostFormAsync(staff, $"/admin/assessments?handler=Delete&assessmentId={sample.Id}", [], "/admin/assessments");
        Assert.Contains(title, await staff.GetStringAsync("/admin/assessments?deleted=true", Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/a/{sample.Slug}", Ct)).StatusCode);
        await CrmApp.PostFormAsync(staff, $"/admin/assessments?handler=Restore&assessmentId={sample.Id}", [], "/admin/assessments?deleted=true");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/a/{sample.Slug}", Ct)).StatusCode);

        foreach (var url in new[] { $"/admin/assessments/edit/{sample.Id}", $"/admin/assessments/{sample.Id}/results", "/admin/assessments/grading", "/my/assessments" })
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url, Ct)).StatusCode);
        }
    }
}

public sealed class BuilderScreenTestsOnSqlite(AssessmentsSqliteApp app) : BuilderScreenTests(app), IClassFixture<AssessmentsSqliteApp>;

public sealed class BuilderScreenTestsOnPostgres(AssessmentsPostgresApp app) : BuilderScreenTests(app), IClassFixture<AssessmentsPostgresApp>;
