extension UnsafeRawBufferPointer {
    /// The big-endian integer at `offset` (the caller has checked the bounds).
    @inline(__always)
    func bigEndian<Integer: FixedWidthInteger>(at offset: Int, as: Integer.Type = Integer.self) -> Integer {
        Integer(bigEndian: loadUnaligned(fromByteOffset: offset, as: Integer.self))
    }

    /// The little-endian integer at `offset` (the caller has checked the bounds).
    @inline(__always)
    func littleEndian<Integer: FixedWidthInteger>(at offset: Int, as: Integer.Type = Integer.self) -> Integer {
        Integer(littleEndian: loadUnaligned(fromByteOffset: offset, as: Integer.self))
    }
}
