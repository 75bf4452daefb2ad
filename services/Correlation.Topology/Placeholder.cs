namespace Correlation.Topology;
