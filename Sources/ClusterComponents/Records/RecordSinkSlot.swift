/// A record sink as ``Cluster/emit(_:)`` calls it: the object without its ownership and its
/// type. Calling a sink read from an array of `any ClusterRecordSink` retained and released it,
/// an atomic pair per sink for every record (five sinks in a `kubesim run`; 1.1% of the full
/// envelope's samples). ``Cluster/sinks`` keeps every sink alive as long as the cluster.
struct RecordSinkSlot {
    /// The sink, not retained.
    let object: UnsafeRawPointer
    /// Its concrete type, through which it is called.
    let type: any ClusterRecordSink.Type

    /// The slot of `sink`, which must outlive it.
    init(_ sink: any ClusterRecordSink) {
        object = UnsafeRawPointer(Unmanaged.passUnretained(sink as AnyObject).toOpaque())
        type = Swift.type(of: sink)
    }

    /// Hands `record` to the sink.
    @inline(__always)
    func consume(_ record: ClusterRecord, in view: ClusterView) {
        type.consume(unretained: object, record, in: view)
    }
}

extension ClusterRecordSink {
    /// Calls ``consume(_:in:)`` on the sink at `object` without retaining it.
    static func consume(unretained object: UnsafeRawPointer, _ record: ClusterRecord, in view: ClusterView) {
        Unmanaged<Self>.fromOpaque(object)._withUnsafeGuaranteedRef { $0.consume(record, in: view) }
    }
}
