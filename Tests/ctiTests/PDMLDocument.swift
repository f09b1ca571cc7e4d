import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What `tshark -T pdml` prints, read back: one packet per frame, each a tree of protocols and
/// fields with their attributes (`name`, `showname`, `show`, `value`, ...).
struct PDMLDocument {
    /// One `<packet>`, `<proto>` or `<field>` element.
    final class Node {
        let element: String
        let attributes: [String: String]
        var children: [Node] = []

        init(element: String, attributes: [String: String]) {
            self.element = element
            self.attributes = attributes
        }

        var name: String { attributes["name"] ?? "" }
        var show: String { attributes["show"] ?? "" }
        var showname: String { attributes["showname"] ?? "" }
        /// The raw bytes as hex (absent for empty fields).
        var value: String { attributes["value"] ?? "" }

        /// Every node below, depth first.
        var descendants: [Node] { children.flatMap { [$0] + $0.descendants } }

        func child(named name: String) -> Node? { children.first { $0.name == name } }
    }

    let packets: [Node]

    init(_ data: Data) throws {
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        packets = reader.root.children.flatMap { $0.element == "packet" ? [$0] : $0.children.filter { $0.element == "packet" } }
    }

    /// The protocols named `name`, with the number of the frame (1-based) they are in.
    func protocols(named name: String) -> [(frame: Int, node: Node)] {
        packets.enumerated().flatMap { index, packet in
            packet.children.filter { $0.element == "proto" && $0.name == name }.map { (frame: index + 1, node: $0) }
        }
    }

    private final class Reader: NSObject, XMLParserDelegate {
        let root = Node(element: "", attributes: [:])
        private var stack: [Node] = []

        override init() {
            super.init()
            stack = [root]
        }

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = Node(element: element, attributes: attributes)
            stack.last!.children.append(node)
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
    }
}
