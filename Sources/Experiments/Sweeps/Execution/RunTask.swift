/// One run to do: a parameter point, a replication, and the seed that replication uses.
public struct RunTask: Sendable, Hashable {
    /// Index of the point in the sweep (0 is the baseline of the paired comparisons).
    public var pointIndex: Int
    /// The point.
    public var point: ParameterPoint
    /// Replication number, 0-based.
    public var replication: Int
    /// The seed of this replication (the same at every point: common random numbers).
    public var seed: UInt64

    /// Creates a task.
    public init(pointIndex: Int, point: ParameterPoint, replication: Int, seed: UInt64) {
        self.pointIndex = pointIndex
        self.point = point
        self.replication = replication
        self.seed = seed
    }
}
