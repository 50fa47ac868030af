/// A value kept on the heap behind one reference, with value semantics (copy on write): the one
/// box of kubesim (``Indirect`` is an optional one).
///
/// ``PodObject`` keeps its manifest in one: a defaulted `Pod` is about a kilobyte inline (every
/// optional field of its spec and metadata), and `APIStore.pods` holds every pod ever created.
/// Inline, that array's doubling growth left up to a kilobyte of slack per pod and, while it
/// grew, held the old and the new copy at once; boxed, the array holds a pointer per manifest
/// and copying a `PodObject` retains one reference instead of dozens of fields.
@propertyWrapper
public struct HeapBox<Value: Sendable>: Sendable {
    /// Mutated only while uniquely referenced (``wrappedValue``'s `_modify`), so sharing it
    /// between copies, and between threads, is safe.
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline var value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
    }

    @usableFromInline var storage: Storage

    // Inlinable so that other modules (the API store, the kubelet) specialise the box for their
    // value: called through the generic entry point, every box and every read looked up the
    // type's metadata at run time (issue 17's profile: about 1,400 instructions per box).

    /// Boxes `wrappedValue`.
    @inlinable public init(wrappedValue: Value) { storage = Storage(wrappedValue) }

    /// The value; reading yields it in place, writing copies it first when another copy of the
    /// box shares it.
    /// - Complexity: O(1) to read and to write in place; a write to a shared box copies the value.
    @inlinable public var wrappedValue: Value {
        _read { yield storage.value }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.value) }
            yield &storage.value
        }
    }

    /// Whether two boxes share one stored value (the same box, not merely equal values).
    @inlinable public func sharesStorage(with other: Self) -> Bool { storage === other.storage }
}
