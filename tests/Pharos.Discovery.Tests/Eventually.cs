namespace Pharos.Discovery.Tests;

/// <summary>Waits for work on other threads (a provider's reader) to land; the deadline is a guard, not an assertion.</summary>
internal static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<T> read, Func<T, bool> done, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(10);
        }
    }
}
