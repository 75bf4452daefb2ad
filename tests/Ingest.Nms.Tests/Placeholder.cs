namespace Correlation.Ingest.Nms.Tests;
