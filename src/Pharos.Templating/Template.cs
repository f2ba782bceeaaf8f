using System.Text;
using Pharos.Templating.Execution;
using Pharos.Templating.Functions;
using Pharos.Templating.Parse;

namespace Pharos.Templating;

/// <summary>
/// A parsed Go template and the set of templates it can call (<c>define</c>, <c>block</c>, and further texts added
/// with <see cref="AddParse"/>, as Alertmanager loads its template files into one set). Parsing is not thread-safe;
/// once built, a template may execute on many threads at once.
/// </summary>
public sealed class Template
{
    private readonly Dictionary<string, TemplateTree> _trees;
    private readonly TemplateFunctions _functions;

    private Template(string name, TemplateOptions options)
    {
        Name = name;
        Options = options;
        _functions = options.Functions ?? TemplateFunctions.CreateBuiltins();
        _trees = new Dictionary<string, TemplateTree>(StringComparer.Ordinal);
    }

    /// <summary>The name of the main template, used in error messages.</summary>
    public string Name { get; }

    /// <summary>The options the template was parsed with.</summary>
    public TemplateOptions Options { get; }

    /// <summary>The names of every template in the set, the main one included when it has content.</summary>
    public IReadOnlyCollection<string> DefinedTemplates => _trees.Keys;

    /// <summary>Parses <paramref name="text"/> as the template <paramref name="name"/>.</summary>
    /// <param name="name">The template name.</param>
    /// <param name="text">The template text.</param>
    /// <param name="options">Functions, mode and limits; defaults when null.</param>
    /// <returns>The parsed template.</returns>
    /// <exception cref="TemplateException">The text is not a valid template.</exception>
    public static Template Parse(string name, string text, TemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        var template = new Template(name, options ?? new TemplateOptions());
        template.AddParse(name, text);
        return template;
    }

    /// <summary>Parses another text into this set. Its <c>define</c>s join the set; later definitions win.</summary>
    /// <param name="parseName">The name for error messages (a file name, for instance).</param>
    /// <param name="text">The template text.</param>
    /// <returns>This template.</returns>
    /// <exception cref="TemplateException">The text is not a valid template.</exception>
    public Template AddParse(string parseName, string text)
    {
        ArgumentNullException.ThrowIfNull(parseName);
        ArgumentNullException.ThrowIfNull(text);
        var definitions = new Dictionary<string, ListNode>(StringComparer.Ordinal);
        var root = Parser.Parse(parseName, text, _functions.Contains, definitions);
        foreach (var (name, list) in definitions)
        {
            _trees[name] = new TemplateTree(name, list, parseName, text);
        }

        // As Go, a text holding only definitions and white space does not replace another template's body. Unlike Go,
        // an empty main template executes to empty output rather than failing.
        if (parseName == Name || root.Nodes.Exists(n => n is not TextNode t || !string.IsNullOrWhiteSpace(t.Text)))
        {
            _trees[parseName] = new TemplateTree(parseName, root, parseName, text);
        }

        return this;
    }

    /// <summary>Executes the main template.</summary>
    /// <param name="data">The data <c>.</c> refers to.</param>
    /// <param name="cancellationToken">Stops a long execution.</param>
    /// <returns>The output.</returns>
    /// <exception cref="TemplateException">Execution failed, was canceled, or exceeded a limit.</exception>
    public string Execute(object? data, CancellationToken cancellationToken = default) =>
        ExecuteTemplate(Name, data, cancellationToken);

    /// <summary>Executes the named template of the set.</summary>
    /// <param name="name">A template defined in the set.</param>
    /// <param name="data">The data <c>.</c> refers to.</param>
    /// <param name="cancellationToken">Stops a long execution.</param>
    /// <returns>The output.</returns>
    /// <exception cref="TemplateException">No such template, or execution failed.</exception>
    public string ExecuteTemplate(string name, object? data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_trees.TryGetValue(name, out var tree))
        {
            throw new TemplateException(name == Name
                ? $"template: {Name}: \"{Name}\" is an incomplete or empty template"
                : $"template: no template \"{name}\" associated with template \"{Name}\"");
        }

        var output = new StringBuilder();
        var executor = new Executor(_trees, tree, _functions, Options, output, cancellationToken);
        executor.Execute(data);
        return output.ToString();
    }
}
