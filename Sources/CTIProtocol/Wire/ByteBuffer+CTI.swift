import NIOCore

extension ByteBuffer {
    /// A big-endian unsigned integer of 1, 2 or 4 bytes at `index`, zero-extended. The caller has
    /// checked the bounds.
    @inline(__always)
    func ctiNumber(at index: Int, width: Int) -> UInt32 {
        switch width {
        case 1: UInt32(getInteger(at: index, as: UInt8.self)!)
        case 2: UInt32(getInteger(at: index, as: UInt16.self)!)
        default: getInteger(at: index, as: UInt32.self)!
        }
    }

    /// Writes `value` big-endian in `width` bytes (1, 2 or 4).
    @inline(__always)
    mutating func writeCTINumber(_ value: UInt32, width: Int) {
        switch width {
        case 1: writeInteger(UInt8(truncatingIfNeeded: value))
        case 2: writeInteger(UInt16(truncatingIfNeeded: value))
        default: writeInteger(value)
        }
    }

    /// Sets `value` big-endian in `width` bytes (1, 2 or 4) at `index`.
    @inline(__always)
    mutating func setCTINumber(_ value: UInt32, at index: Int, width: Int) {
        switch width {
        case 1: setInteger(UInt8(truncatingIfNeeded: value), at: index)
        case 2: setInteger(UInt16(truncatingIfNeeded: value), at: index)
        default: setInteger(value, at: index)
        }
    }

    /// The whole readable bytes as a STRING: cut at the first NUL; a missing NUL or bytes after it
    /// are noted.
    func ctiCString(field: @autoclosure () -> String, notes: inout [DecodeNote]) -> CTIString {
        guard let nul = readableBytesView.firstIndex(of: 0) else {
            notes.append(.missingNUL(field: field()))
            return CTIString(bytes: self)
        }
        let length = nul - readerIndex
        if length + 1 < readableBytes { notes.append(.bytesAfterNUL(field: field(), count: readableBytes - length - 1)) }
        return CTIString(bytes: getSlice(at: readerIndex, length: length)!)
    }

    /// Reads a NUL-terminated string from the front, `nil` when there is no NUL.
    mutating func ctiCStringPrefix() -> CTIString? {
        guard let nul = readableBytesView.firstIndex(of: 0) else { return nil }
        let string = readSlice(length: nul - readerIndex)!
        moveReaderIndex(forwardBy: 1)
        return CTIString(bytes: string)
    }
}

extension UnsafeRawBufferPointer {
    /// A big-endian unsigned integer of 1, 2 or 4 bytes at `offset`, zero-extended. The caller
    /// has checked the bounds.
    @inline(__always)
    func ctiNumber(at offset: Int, width: Int) -> UInt32 {
        switch width {
        case 1: UInt32(self[offset])
        case 2: UInt32(UInt16(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
        default: UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
    }
}
