# The two commands a newcomer needs: `make run` and `make test`. Both set up what they need.
SHELL := /bin/bash
CONFIGURATION ?= Release
RESULTS := TestResults

# Servers come from deploy/infra.env unless RabbitMq__Url and Redis__Configuration name others.
SERVICE_ENV = set -a; source deploy/infra.env; set +a; \
	export RabbitMq__Url="$${RabbitMq__Url:-amqp://$$RABBITMQ_USER:$$RABBITMQ_PASSWORD@$$RABBITMQ_HOST:$$RABBITMQ_PORT/}"; \
	export Redis__Configuration="$${Redis__Configuration:-$$REDIS_HOST:$$REDIS_PORT}";

.PHONY: run test test-faults test-scaleout build infra-up infra-down infra-status sample clean bench-micro bench-correlator bench bench-quick soak

run: infra-up build
	@$(SERVICE_ENV) dotnet run --no-build -c $(CONFIGURATION) --project services/Correlation.AllInOne -- --urls "$$CONSOLE_URL" --Topology:CmdbPath "$(CURDIR)/deploy/config/cmdb.yaml" \
		--Triage:PolicyPath "$(CURDIR)/deploy/config/triage.yaml" \
		--Router:ConfigFiles:0 "$(CURDIR)/deploy/config/routing.yaml" \
		--Router:ConfigFiles:1 "$(CURDIR)/deploy/config/routing-roster.yaml" \
		--Router:ConfigFiles:2 "$(CURDIR)/deploy/config/routing-maintenance.yaml"

test:
	@if [ -n "$${RabbitMq__Url:-}" ] && [ -n "$${Redis__Configuration:-}" ]; then \
		echo "Using the servers named by RabbitMq__Url and Redis__Configuration"; \
	else deploy/infra.sh up; fi
	@$(MAKE) --no-print-directory build
	@rm -rf $(RESULTS)
	@$(SERVICE_ENV) dotnet test Correlation.sln -c $(CONFIGURATION) --no-build \
		--logger "trx" --logger "console;verbosity=minimal" --results-directory $(RESULTS); \
		rc=$$?; tests/summary.sh $(RESULTS); exit $$rc

# The fault suite, full form (docs/reliability.md): RabbitMQ, Redis, the correlator, triage and the router killed
# with SIGKILL in turn under a storm, on private servers; prints the accounting per fault, also written to
# TestResults/fault-accounting-<form>.md. `make test` runs its short form. FAULTS=redis-aof or redis-loss runs the
# Redis experiments instead.
FAULTS ?= full
test-faults:
	@deploy/infra.sh up
	@$(MAKE) --no-print-directory build
	@rm -f $(RESULTS)/fault-accounting-$(FAULTS).md
	@CORRELATION_FAULTS=$(FAULTS) dotnet test tests/Correlation.Faults.Tests -c $(CONFIGURATION) --no-build \
		--filter "TestCategory=Faults" --logger "trx" --logger "console;verbosity=normal" --results-directory $(RESULTS); \
		rc=$$?; cat $(RESULTS)/fault-accounting-$(FAULTS).md 2>/dev/null; exit $$rc

# The scale-out test, full form (docs/reliability.md): two instances of Ingest.Feeds, the correlator, triage, the
# router and the console on private servers under a storm split across the ingests; prints the accounting and each instance's work,
# also written to TestResults/scaleout-accounting-full.md. `make test` runs its short form.
test-scaleout:
	@deploy/infra.sh up
	@$(MAKE) --no-print-directory build
	@rm -f $(RESULTS)/scaleout-accounting-full.md
	@CORRELATION_SCALEOUT=full dotnet test tests/Correlation.Faults.Tests -c $(CONFIGURATION) --no-build \
		--filter "TestCategory=ScaleOut" --logger "trx" --logger "console;verbosity=normal" --results-directory $(RESULTS); \
		rc=$$?; cat $(RESULTS)/scaleout-accounting-full.md 2>/dev/null; exit $$rc

build:
	dotnet build Correlation.sln -c $(CONFIGURATION) -nologo -clp:ErrorsOnly\;Summary

infra-up:
	@deploy/infra.sh up

infra-down:
	@deploy/infra.sh down

infra-status:
	@deploy/infra.sh status

# Posts the README's sample storm (50 alarms from Leeds, 5 from York) to a running pipeline.
sample:
	@source deploy/infra.env; curl -sS -X POST "$$CONSOLE_URL/api/v1/alarms/batch" \
		-H 'Content-Type: application/json' --data-binary @deploy/samples/sample-storm.json; echo

clean:
	dotnet clean Correlation.sln -nologo -v q
	rm -rf $(RESULTS)

# BenchmarkDotNet micro-benchmarks; results land in BenchmarkDotNet.Artifacts/.
bench-micro:
	dotnet run -c Release --project benchmarks/Correlation.Benchmarks -- --filter '*' $(BENCH_ARGS)

# The live correlator against the real Redis: throughput, decision latency, Redis memory, on a dense and
# on a realistic-rate storm; writes benchmarks/results/correlator-load*.md (ALARMS, WARMUP, BATCH, SEED tune it).
bench-correlator:
	benchmarks/correlator-load.sh
	DURATION=realistic NAME=correlator-load-realistic benchmarks/correlator-load.sh

# The whole pipeline under load on the real RabbitMQ and Redis, side by side with Alertmanager (installed by
# benchmarks/tools.sh) and the raw broker: under 30 minutes, writes benchmarks/results/pipeline-load.md and .csv.
bench:
	PROFILE=full benchmarks/pipeline-load.sh

# The same, shorter (under 5 minutes), for day-to-day checks.
bench-quick:
	PROFILE=quick benchmarks/pipeline-load.sh

# The soak: the whole pipeline at a steady rate (SOAK_RATE alarms/s, default 50) for SOAK_MINUTES (default 30), a labelled
# storm replayed in a loop; memory and latency every SOAK_INTERVAL seconds and a verdict (memory slope, p99 stability):
# writes benchmarks/results/soak.md and .csv.
soak:
	PROFILE=soak benchmarks/pipeline-load.sh
