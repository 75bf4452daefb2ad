namespace Correlation.Cli.Commands;

public static class Usage
{
    public const string Text = """
        correlation: offline tools of the Correlation pipeline

        usage:
          correlation evaluate <storm.jsonl> [options]      score every method on a recorded storm
          correlation evaluate --huawei <folder> [options]  score every method on the Huawei microwave dataset
          correlation shadow <storm.jsonl> --rules <candidate.yaml> [--active <rules.yaml>] [options]
                                                            the engine with the rules in use and with candidate
                                                            rules, side by side, on a recorded storm
          correlation generate --out <file> [options]       generate a labelled synthetic storm and its network
          correlation evaluate --feedback <file> [options]  would the engine (with --rules, --cmdb) have grouped
                                                            operators' corrections as they did?
          correlation train <storm.jsonl> [options]         learn alarm-type affinity and alarm signatures
                                                            from a labelled storm (and/or --feedback <file>)
          correlation --help                                this text

        evaluate options:
          --cmdb <file>                 the network the storm happened on, for the engine
          --rules <file>                correlation rules (scoring settings, YAML) for the engine;
                                        deploy/config/correlation-rules.yaml documents every key
          --affinity <model>            a type-affinity model from `correlation train`, for the engine
          --signatures <model.zip>      an ML.NET signature model from `correlation train --signatures`, for the engine
          --window <hh:mm:ss>           window of the fixed-window baseline (default 00:05:00)
          --group-by <key,key,...>      group-by keys of the alertmanager baseline (default alarmType,site);
                                        alarm fields (alarmType, resource, site, service, source, severity) or label names
          --group-interval <hh:mm:ss>   alertmanager baseline: a group emptied this long ago is closed (default 00:05:00)
          --resolve-timeout <hh:mm:ss>  alertmanager baseline: a raise without a clear fires this long (default 00:05:00)
          --markdown <file>             also write the table as Markdown
          --csv <file>                  also write every figure as CSV
          --max-errors <n>              bad lines listed before reading stops (default 20)
          --errors <n>                  explain the engine's n largest false merges and n worst splits
                                        (labelled storms: the alarms that glued true groups, with their scores)

        generate options:
          --seed <n>                    seed; the same seed and options give the same files (default 1)
          --alarms <n>                  alarms in the storm, 100 to 1,000,000 (default 1000)
          --sites <n>                   sites in the generated network, 3 to 500 (default 30)
          --shape <shape>               power, link, degradation, unrelated, noise or mixed (default mixed)
          --faults-per-hour <n>         faults arrive one after another at this mean rate, as a Poisson
                                        process; the storm lasts as long as its alarms need
                                        (default: one an hour per ten sites, at least one)
          --duration <hh:mm:ss>         dense storm instead: every fault starts within this span
          --out <file>                  the storm, JSON Lines with a truth group per alarm (required)
          --cmdb-out <file>             also write the generated network as a CMDB

        train options (--out, --signatures or both):
          --feedback <file>             also learn from operators' corrections (merges, splits, moves, confirmations)
                                        as exported by the correlator's GET /api/v1/feedback
          --out <affinity.json>         alarm-type affinity, for `evaluate --affinity`
          --signatures <model.zip>      the ML.NET signature model and its signature affinity, in one
                                        versioned file (format signatures/1)
          --window <hh:mm:ss>           alarms this close form a pair for either affinity (default 00:02:00)
          --clusters <n>                signatures (KMeans k), 1 to 1000; fewer when the storm has fewer
                                        distinct summaries (default 32)
          --seed <n>                    seed of the signature fit; the same storm and seed fit the same
                                        model (default 0)

        A storm file is JSON Lines: one generic JSON alarm a line with a required observedAt and an optional
        "group" naming its true incident (see services/Correlation.Cli/README.md).

        exit codes: 0 done, 1 bad input (each problem printed as file:line: reason), 2 usage error
        """;
}
