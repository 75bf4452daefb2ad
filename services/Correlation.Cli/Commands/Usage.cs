namespace Correlation.Cli.Commands;

public static class Usage
{
    public const string Text = """
        correlation: offline tools of the Correlation pipeline

        usage:
          correlation evaluate <storm.jsonl> [options]      score every method on a recorded storm
          correlation evaluate --huawei <folder> [options]  score every method on the Huawei microwave dataset
          correlation generate --out <file> [options]       generate a labelled synthetic storm and its network
          correlation train <storm.jsonl> --out <model>     learn alarm-type affinity from a labelled storm
                                                            (--window <hh:mm:ss>, default 00:02:00)
          correlation --help                                this text

        evaluate options:
          --cmdb <file>                 the network the storm happened on, for the engine
          --affinity <model>            a type-affinity model from `correlation train`, for the engine
          --window <hh:mm:ss>           window of the fixed-window baseline (default 00:05:00)
          --group-by <key,key,...>      group-by keys of the alertmanager baseline (default alarmType,site);
                                        alarm fields (alarmType, resource, site, service, source, severity) or label names
          --group-interval <hh:mm:ss>   alertmanager baseline: a group emptied this long ago is closed (default 00:05:00)
          --resolve-timeout <hh:mm:ss>  alertmanager baseline: a raise without a clear fires this long (default 00:05:00)
          --markdown <file>             also write the table as Markdown
          --csv <file>                  also write every figure as CSV
          --max-errors <n>              bad lines listed before reading stops (default 20)

        generate options:
          --seed <n>                    seed; the same seed and options give the same files (default 1)
          --alarms <n>                  alarms in the storm, 100 to 1,000,000 (default 1000)
          --sites <n>                   sites in the generated network, 3 to 500 (default 30)
          --shape <shape>               power, link, degradation, unrelated, noise or mixed (default mixed)
          --duration <hh:mm:ss>         faults start within this span (default 01:00:00)
          --out <file>                  the storm, JSON Lines with a truth group per alarm (required)
          --cmdb-out <file>             also write the generated network as a CMDB

        A storm file is JSON Lines: one generic JSON alarm a line with a required observedAt and an optional
        "group" naming its true incident (see services/Correlation.Cli/README.md).

        exit codes: 0 done, 1 bad input (each problem printed as file:line: reason), 2 usage error
        """;
}
