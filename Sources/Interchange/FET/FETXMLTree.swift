import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Builds a small element tree with line numbers from XML bytes, with Foundation's SAX `XMLParser`.
/// The first XML error stops reading and becomes a `FETFormatError` ("the XML is broken: …").
enum FETXMLTree {
  /// Elements nested deeper than this are refused: a FET file nests five or six deep, and a tree
  /// thousands deep would overflow the stack when it is freed.
  static let maximumDepth = 64

  static func parse(_ data: Data, source: String) throws -> FETElement {
    try checkLooksLikeXML(data, source: source)
    let builder = TreeBuilder()
    let parser = XMLParser(data: data)
    parser.delegate = builder
    parser.shouldProcessNamespaces = false
    parser.shouldReportNamespacePrefixes = false
    parser.shouldResolveExternalEntities = false
    let finished = parser.parse()
    if let failure = builder.failure {
      throw FETFormatError(file: source, line: failure.line, message: "the XML is broken: \(failure.message)")
    }
    // XMLParser may report an error without calling the delegate, or finish "successfully" with
    // an error set (a file cut short).
    if !finished || parser.parserError != nil {
      let code = (parser.parserError as NSError?)?.code ?? 0
      throw FETFormatError(
        file: source, line: max(parser.lineNumber, 1),
        message: "the XML is broken: \(builder.describe(code: code))")
    }
    if !builder.stack.isEmpty {
      let open = builder.stack[builder.stack.count - 1]
      throw FETFormatError(
        file: source, line: max(parser.lineNumber, 1),
        message: "the XML is broken: the file ends before </\(open.name)> (opened on line \(open.line))")
    }
    guard let root = builder.root else {
      throw FETFormatError(file: source, line: nil, message: "the XML is broken: the file has no element")
    }
    return root
  }

  /// An empty file, or one that does not begin with `<` (JSON, a binary file), is said to be so in
  /// words: libxml2 calls every such file "empty".
  static func checkLooksLikeXML(_ data: Data, source: String) throws {
    var bytes = data[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let first = bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) else {
      throw FETFormatError(file: source, line: nil, message: "the file is empty")
    }
    guard first == UInt8(ascii: "<") else {
      let kind =
        first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        ? "it looks like JSON (a native instance file is read from a .json file)"
        : "it does not begin with '<'"
      throw FETFormatError(file: source, line: 1, message: "this is not an XML (FET) file: \(kind)")
    }
  }

  private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [FETElement] = []
    var root: FETElement?
    var failure: (line: Int, message: String)?

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      guard failure == nil else { return }
      if root != nil && stack.isEmpty {
        failure = (parser.lineNumber, "a second top-level element <\(elementName)> after the root element")
        parser.abortParsing()
        return
      }
      guard stack.count < FETXMLTree.maximumDepth else {
        failure = (
          parser.lineNumber,
          "elements are nested more than \(FETXMLTree.maximumDepth) deep at <\(elementName)> (a FET file nests a few levels)"
        )
        parser.abortParsing()
        return
      }
      stack.append(FETElement(name: elementName, attributes: attributes, line: max(parser.lineNumber, 1)))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      guard failure == nil, !stack.isEmpty else { return }
      stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
      guard failure == nil, !stack.isEmpty else { return }
      stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
      guard failure == nil, let element = stack.popLast() else { return }
      if stack.isEmpty {
        root = element
      } else {
        stack[stack.count - 1].children.append(element)
      }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
      guard failure == nil else { return }
      failure = (max(parser.lineNumber, 1), describe(code: (parseError as NSError).code))
      parser.abortParsing()
    }

    /// A readable explanation of a libxml2 / XMLParser error code, using the open elements.
    func describe(code: Int) -> String {
      let open = stack.last.map { "<\($0.name)> (opened on line \($0.line))" }
      switch code {
      case 4: return "the file is empty"
      case 5:
        if let open { return "the file ends before \(open) is closed" }
        return "the file ends too early"
      case 9: return "a character that XML does not allow"
      case 6, 7, 8: return "an invalid character reference (&#…;)"
      case 23: return "an entity reference without its ';'"
      case 22, 68: return "a name is expected (a stray '<' or '&'? write &lt; and &amp;)"
      case 26, 27: return "an unknown entity (only &amp; &lt; &gt; &quot; &apos; exist in XML)"
      case 31, 32, 81: return "an unknown or wrong text encoding"
      case 3: return "the file does not begin with an element"
      case 33, 34, 43, 44: return "a quoted value is not started or not closed"
      case 46, 47: return "a processing instruction (<?…?>) is not closed"
      case 56, 57: return "the XML declaration (<?xml …?>) is malformed"
      case 61: return "the DOCTYPE declaration is not closed"
      case 62: return "']]>' in text (write ]]&gt;)"
      case 65: return "a space is missing between attributes"
      case 75: return "'=' expected after an attribute name"
      case 80: return "'--' inside a comment"
      case 38: return "'<' inside an attribute value"
      case 39, 40, 41: return "a malformed attribute"
      case 42: return "an attribute given twice"
      case 45: return "a comment is not closed (--> missing)"
      case 63: return "a CDATA section is not closed (]]> missing)"
      case 64: return "a misplaced XML declaration (<?xml …?> must come first)"
      case 73: return "'>' expected"
      case 74: return "'</' expected"
      case 76:
        if let open { return "an end tag does not match its start tag \(open)" }
        return "an end tag does not match its start tag"
      case 77:
        if let open { return "an element is not closed: \(open)" }
        return "an element is not closed"
      case 85: return "the elements are not properly nested"
      case 86: return "extra content after the root element"
      default: return "the XML is not well formed (libxml2 error \(code))"
      }
    }
  }
}
