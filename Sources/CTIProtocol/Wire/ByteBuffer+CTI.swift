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

extension UnsafeMutableRawBufferPointer {
    /// Stores `value` big-endian in `width` bytes (1, 2 or 4) at `offset`, truncated to them.
    /// The caller has checked the bounds.
    @inline(__always)
    func storeCTINumber(_ value: UInt32, at offset: Int, width: Int) {
        switch width {
        case 1: storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: offset, as: UInt8.self)
        case 2: storeBytes(of: UInt16(truncatingIfNeeded: value).bigEndian, toByteOffset: offset, as: UInt16.self)
        default: storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
        }
    }

    /// Stores a STRING's bytes and its NUL at `offset`; returns the bytes stored.
    @inline(__always)
    func storeCTIString(_ string: CTIString, at offset: Int) -> Int {
        string.withUnsafeBytes { bytes in
            UnsafeMutableRawBufferPointer(rebasing: self[offset...]).copyMemory(from: bytes)
            self[offset + bytes.count] = 0
            return bytes.count + 1
        }
    }

    /// Copies `bytes` to `offset`; returns their count.
    @inline(__always)
    func storeRawBytes(_ bytes: ByteBufferView, at offset: Int) -> Int {
        bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: self[offset...]).copyMemory(from: $0) }
        return bytes.count
    }
}
