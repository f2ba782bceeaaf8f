namespace Pharos.Client;

/// <summary>Something that takes observations: a histogram or summary series.</summary>
public interface IObserver
{
    /// <summary>Records one observation.</summary>
    /// <param name="value">The observed value.</param>
    void Observe(double value);
}
