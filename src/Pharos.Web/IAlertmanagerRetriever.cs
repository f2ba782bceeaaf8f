namespace Pharos.Web;

/// <summary>The Alertmanagers the notifier sends to, for <c>/api/v1/alertmanagers</c>. Thread-safe.</summary>
public interface IAlertmanagerRetriever
{
    /// <summary>The Alertmanager API URLs alerts are sent to.</summary>
    /// <returns>A snapshot.</returns>
    IReadOnlyList<Uri> ActiveAlertmanagers();

    /// <summary>The discovered Alertmanagers relabeling dropped.</summary>
    /// <returns>A snapshot.</returns>
    IReadOnlyList<Uri> DroppedAlertmanagers();
}
