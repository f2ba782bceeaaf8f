using Pharos.Model;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Tsdb.Postings;

/// <summary>
/// Turns label matchers into a postings cursor with Prometheus's selection semantics (its querier's
/// <c>PostingsForMatchers</c>): a label a series lacks matches as the empty string, so matchers that accept the
/// empty string subtract series instead of selecting them; literal alternations and literal prefixes of regexes are
/// looked up directly instead of testing every value.
/// </summary>
public static class PostingsForMatchers
{
    /// <summary>Selects the references of the series that match every matcher.</summary>
    /// <param name="index">The index to read.</param>
    /// <param name="matchers">The matchers; an empty list selects nothing.</param>
    /// <param name="cancellationToken">Checked between matchers.</param>
    /// <returns>A sorted cursor owned by the caller.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static PostingsIterator Select(IPostingsIndex index, ReadOnlySpan<Matcher> matchers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (matchers.IsEmpty)
        {
            return PostingsIterator.Empty;
        }

        // Labels that some matcher requires to be non-empty: for them, a "!=" or "!~" can subtract its complement
        // from what the others selected instead of scanning for the values it accepts.
        var mustBeSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in matchers)
        {
            if (!m.MatchesEmpty)
            {
                mustBeSet.Add(m.Name);
            }
        }

        var its = new List<PostingsIterator>(matchers.Length);
        var notIts = new List<PostingsIterator>();
        foreach (var m in matchers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isNot = m.Type is MatchType.NotEqual or MatchType.NotRegex;
            if (m.Type == MatchType.Regex && m.Value == ".*")
            {
                // Matches everything, present or absent.
                continue;
            }

            if (m.Type == MatchType.NotRegex && m.Value == ".*")
            {
                return PostingsIterator.Empty;
            }

            if (m.Type == MatchType.Regex && m.Value == ".+")
            {
                its.Add(index.PostingsForAllValues(m.Name));
                continue;
            }

            if (m.Type == MatchType.NotRegex && m.Value == ".+")
            {
                notIts.Add(index.PostingsForAllValues(m.Name));
                continue;
            }

            if (mustBeSet.Contains(m.Name))
            {
                if (isNot && m.MatchesEmpty)
                {
                    // l!="foo" where l must be set anyway: drop the series with l="foo".
                    notIts.Add(ForMatcher(index, m.Inverse()));
                }
                else if (isNot)
                {
                    // l!="" and the like: the series whose value the inverse rejects.
                    its.Add(Inverse(index, m.Inverse()));
                }
                else
                {
                    its.Add(ForMatcher(index, m));
                }
            }
            else
            {
                // The matcher accepts "": it selects series without the label too, so subtract those whose value it
                // rejects.
                notIts.Add(Inverse(index, m));
            }
        }

        if (its.Count == 0)
        {
            // Nothing to intersect: start from every series (only matchers accepting "" were given).
            its.Add(index.AllPostings());
        }

        var result = PostingsIterator.Intersect(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(its));
        foreach (var n in notIts)
        {
            result = PostingsIterator.Without(result, n);
        }

        return result;
    }

    /// <summary>The series whose value of the matcher's label the matcher accepts (a non-empty value).</summary>
    private static PostingsIterator ForMatcher(IPostingsIndex index, Matcher m)
    {
        switch (m.Type)
        {
            case MatchType.Equal:
                return index.Postings(m.Name, m.Value);
            case MatchType.Regex when m.SetMatches() is { Count: > 0 } set:
                return index.Postings(m.Name, set);
            default:
                var prefix = m.Type == MatchType.Regex ? m.Prefix() : "";
                return index.PostingsForMatchingValues(m.Name, prefix, m.Matches);
        }
    }

    /// <summary>The series that have the matcher's label with a value the matcher rejects.</summary>
    private static PostingsIterator Inverse(IPostingsIndex index, Matcher m)
    {
        switch (m.Type)
        {
            case MatchType.Equal when m.Value.Length == 0:
                return index.PostingsForAllValues(m.Name);
            case MatchType.NotEqual:
                return index.Postings(m.Name, m.Value);
            case MatchType.NotRegex when m.SetMatches() is { Count: > 0 } set:
                return index.Postings(m.Name, set);
            default:
                // Values a "!~" rejects are those its regex accepts, so the regex's prefix still narrows the scan.
                var prefix = m.Type == MatchType.NotRegex ? m.Prefix() : "";
                return index.PostingsForMatchingValues(m.Name, prefix, v => !m.Matches(v));
        }
    }
}
