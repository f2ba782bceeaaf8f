using Xunit;

namespace Pharos.Architecture.Tests;

public sealed class DependencyDirectionTests
{
    public static TheoryData<string> SourceProjectNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in ProjectGraph.SourceProjects().Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SourceProjectNames))]
    public void Every_source_project_is_listed_in_the_dependency_table(string project) =>
        Assert.True(DependencyRules.Allowed.ContainsKey(project), $"{project} has no row in DependencyRules.Allowed; add it as DESIGN.md says.");

    [Theory]
    [MemberData(nameof(SourceProjectNames))]
    public void Source_projects_reference_only_what_the_table_allows(string project)
    {
        var allowed = DependencyRules.Allowed.GetValueOrDefault(project, []);
        var forbidden = ProjectGraph.SourceProjects()[project].Where(r => !allowed.Contains(r)).ToArray();
        Assert.True(forbidden.Length == 0, $"{project} must not reference {string.Join(", ", forbidden)}.");
    }

    [Fact]
    public void The_model_and_the_client_library_reference_nothing_in_the_repository()
    {
        var projects = ProjectGraph.SourceProjects();
        Assert.Empty(projects["Pharos.Model"]);
        Assert.Empty(projects["Pharos.Client"]);
    }

    [Fact]
    public void Hosts_never_reference_each_other()
    {
        foreach (var (project, references) in ProjectGraph.SourceProjects())
        {
            if (DependencyRules.Hosts.Contains(project))
            {
                Assert.DoesNotContain(references, r => DependencyRules.Hosts.Contains(r));
            }
        }
    }

    [Fact]
    public void Only_hosts_and_remote_write_reference_the_tsdb()
    {
        foreach (var (project, references) in ProjectGraph.SourceProjects())
        {
            if (references.Contains("Pharos.Tsdb"))
            {
                Assert.Contains(project, DependencyRules.TsdbConsumers);
            }
        }
    }

    [Fact]
    public void The_table_itself_has_no_cycles()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var project in DependencyRules.Allowed.Keys)
        {
            Visit(project, state, []);
        }
    }

    [Fact]
    public void The_client_library_needs_no_package_outside_the_framework() =>
        Assert.Empty(ProjectGraph.PackageReferences("Pharos.Client"));

    [Fact]
    public void Every_source_project_has_its_own_test_project()
    {
        var tests = ProjectGraph.TestProjects();
        var missing = ProjectGraph.SourceProjects().Keys
            .Where(p => !tests.ContainsKey(p + ".Tests"))
            .ToArray();
        Assert.True(missing.Length == 0, $"No test project for {string.Join(", ", missing)}.");
    }

    private static void Visit(string project, Dictionary<string, int> state, List<string> path)
    {
        if (state.GetValueOrDefault(project) == 2)
        {
            return;
        }

        Assert.False(state.GetValueOrDefault(project) == 1, $"Cycle: {string.Join(" -> ", path)} -> {project}");
        state[project] = 1;
        path.Add(project);
        foreach (var next in DependencyRules.Allowed.GetValueOrDefault(project, []))
        {
            Visit(next, state, path);
        }

        path.RemoveAt(path.Count - 1);
        state[project] = 2;
    }
}
