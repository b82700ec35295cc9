#include "adapters/wecom/xml.hpp"

#include <pugixml.hpp>

#include <string>
#include <utility>

namespace adapters::wecom {

namespace {

std::nullopt_t fail(std::string* error, std::string what) {
    if (error) *error = std::move(what);
    return std::nullopt;
}

bool is_text(pugi::xml_node node) {
    return node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata;
}

// All text and CDATA under `node` in document order, walked without recursion: a reply split
// around "]]>" is two CDATA sections, and a peer may nest elements deeply.
std::string text_of(pugi::xml_node node) {
    std::string out;
    for (auto at = node.first_child(); at && at != node;) {
        if (is_text(at)) out += at.value();
        if (at.first_child()) {
            at = at.first_child();
            continue;
        }
        while (at != node && !at.next_sibling()) at = at.parent();
        if (at != node) at = at.next_sibling();
    }
    return out;
}

// <List><Item>a</Item><Item>b</Item></List>: at least one element child, and all of them Items.
bool is_item_list(pugi::xml_node node) {
    bool any = false;
    for (auto child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (std::string_view(child.name()) != "Item") return false;
        any = true;
    }
    return any;
}

}  // namespace

std::string const* xml_fields::get(std::string_view name) const {
    auto found = fields.find(std::string(name));
    return found == fields.end() ? nullptr : &found->second;
}

std::optional<xml_fields> parse_xml(std::string_view text, std::string* error) {
    if (text.size() > max_xml_size) return fail(error, "XML longer than 1 MiB");
    if (text.find('\0') != std::string_view::npos) return fail(error, "XML with a NUL byte");
    // parse_doctype keeps a DOCTYPE in the tree so that it can be refused; pugixml never expands
    // declared entities either way.
    pugi::xml_document doc;
    auto parsed =
        doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_doctype | pugi::parse_fragment,
                        pugi::encoding_utf8);
    if (!parsed) return fail(error, std::string("not XML: ") + parsed.description());

    pugi::xml_node root;
    for (auto node : doc.children()) {
        if (node.type() == pugi::node_doctype) return fail(error, "XML with a DOCTYPE");
        if (node.type() != pugi::node_element) return fail(error, "XML with text outside the root element");
        if (root) return fail(error, "XML with more than one root element");
        root = node;
    }
    if (!root || std::string_view(root.name()) != "xml") return fail(error, "XML without an <xml> root element");

    xml_fields out;
    for (auto child : root.children()) {
        if (child.type() != pugi::node_element) continue;
        if (is_item_list(child)) {
            auto& items = out.lists[child.name()];
            for (auto item : child.children("Item")) items.push_back(text_of(item));
        } else {
            out.fields.emplace(child.name(), text_of(child));
        }
    }
    return out;
}

std::string build_xml(std::vector<std::pair<std::string, std::string>> const& fields) {
    std::string out = "<xml>";
    for (auto const& [name, value] : fields) {
        out += "<" + name + "><![CDATA[";
        // "]]>" ends a CDATA section: close after "]]" and reopen before ">".
        for (std::size_t from = 0;;) {
            auto end = value.find("]]>", from);
            if (end == std::string::npos) {
                out.append(value, from);
                break;
            }
            out.append(value, from, end + 2 - from);
            out += "]]><![CDATA[";
            from = end + 2;
        }
        out += "]]></" + name + ">";
    }
    return out + "</xml>";
}

}  // namespace adapters::wecom
