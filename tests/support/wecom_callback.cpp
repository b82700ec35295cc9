#include "tests/support/wecom_callback.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;

namespace {

std::string random_digits(std::size_t n) {
    std::string raw(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(n)) != 1)
        throw std::runtime_error("RAND_bytes failed");
    std::string out;
    for (auto c : raw) out += static_cast<char>('0' + static_cast<unsigned char>(c) % 10);
    if (out[0] == '0') out[0] = '1';
    return out;
}

long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// CDATA that survives "]]>" inside the text.
std::string cdata(std::string const& text) {
    std::string out = "<![CDATA[";
    std::size_t from = 0;
    for (auto at = text.find("]]>"); at != std::string::npos; at = text.find("]]>", from)) {
        out += text.substr(from, at + 2 - from) + "]]><![CDATA[";
        from = at + 2;
    }
    return out + text.substr(from) + "]]>";
}

/// The ciphertext and signature for `plain`, spoiled as `opt` asks.
callback_reply seal(wecom_signer const& signer, std::string const& plain, callback_options const& opt) {
    callback_reply r;
    r.timestamp = opt.timestamp.empty() ? std::to_string(unix_now()) : opt.timestamp;
    r.nonce = opt.nonce.empty() ? random_digits(10) : opt.nonce;
    switch (opt.fault) {
    case callback_fault::not_base64: r.encrypted = "this is *not* base64!"; break;
    case callback_fault::bad_block_length: r.encrypted = wecom_base64_encode(std::string(20, 'x')); break;
    case callback_fault::wrong_key:
        r.encrypted = wecom_signer(signer.token(), "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", signer.receive_id())
                          .encrypt(plain, opt.random16);
        break;
    case callback_fault::wrong_receive_id:
        r.encrypted = wecom_signer(signer.token(), signer.encoding_aes_key(), signer.receive_id() + "-other")
                          .encrypt(plain, opt.random16);
        break;
    default: r.encrypted = signer.encrypt(plain, opt.random16); break;
    }
    r.msg_signature = signer.signature(r.timestamp, r.nonce, r.encrypted);
    if (opt.fault == callback_fault::bad_signature) r.msg_signature.back() = r.msg_signature.back() == '0' ? '1' : '0';
    return r;
}

std::string signed_query(callback_reply const& r) {
    return "msg_signature=" + r.msg_signature + "&timestamp=" + url_encode(r.timestamp) + "&nonce=" + url_encode(r.nonce);
}

std::string xml_field(std::string const& xml, std::string const& tag) {
    auto open = "<" + tag + ">";
    auto begin = xml.find(open);
    auto end = xml.find("</" + tag + ">");
    if (begin == std::string::npos || end == std::string::npos || end < begin)
        throw std::runtime_error("reply has no <" + tag + ">");
    auto inner = xml.substr(begin + open.size(), end - begin - open.size());
    if (inner.starts_with("<![CDATA[") && inner.ends_with("]]>")) inner = inner.substr(9, inner.size() - 12);
    return inner;
}

std::string open_reply(wecom_signer const& signer, std::string const& encrypted, std::string const& signature,
                       std::string const& timestamp, std::string const& nonce) {
    if (signer.signature(timestamp, nonce, encrypted) != signature)
        throw std::runtime_error("passive reply signature does not match");
    return signer.decrypt(encrypted);
}

}  // namespace

http_reply http_exchange(unsigned short port, std::string const& method, std::string const& target,
                         std::string const& body, std::string const& content_type, std::chrono::milliseconds timeout) {
    return http_call(port, method, target, body, content_type, {}, timeout);
}

std::string url_encode(std::string const& text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    return out;
}

callback_reply verify_callback_url(unsigned short port, std::string const& path, wecom_signer const& signer,
                                   std::string const& echo_plain, callback_options const& opt) {
    auto r = seal(signer, echo_plain, opt);
    auto reply = http_exchange(port, "GET", path + "?" + signed_query(r) + "&echostr=" + url_encode(r.encrypted));
    r.status = reply.status;
    r.body = reply.body;
    return r;
}

callback_reply post_bot_callback(unsigned short port, std::string const& path, wecom_signer const& signer,
                                 std::string const& plain_json, callback_options const& opt) {
    auto r = seal(signer, plain_json, opt);
    auto reply = http_exchange(port, "POST", path + "?" + signed_query(r), json{{"encrypt", r.encrypted}}.dump());
    r.status = reply.status;
    r.body = reply.body;
    return r;
}

callback_reply post_app_callback(unsigned short port, std::string const& path, wecom_signer const& signer,
                                 std::string const& plain_xml, std::string const& corp_id,
                                 std::string const& agent_id, callback_options const& opt) {
    auto r = seal(signer, plain_xml, opt);
    auto body = "<xml><ToUserName>" + cdata(corp_id) + "</ToUserName><Encrypt>" + cdata(r.encrypted) +
                "</Encrypt><AgentID>" + cdata(agent_id) + "</AgentID></xml>";
    auto reply = http_exchange(port, "POST", path + "?" + signed_query(r), body, "text/xml");
    r.status = reply.status;
    r.body = reply.body;
    return r;
}

std::string open_bot_reply(wecom_signer const& signer, std::string const& body) {
    auto j = json::parse(body, nullptr, false);
    if (!j.is_object()) throw std::runtime_error("passive reply is not a JSON object: " + body);
    auto field = [&](char const* name) {
        auto it = j.find(name);
        if (it == j.end()) throw std::runtime_error(std::string("passive reply has no ") + name);
        return it->is_string() ? it->get<std::string>() : it->dump();  // timestamp may be a number
    };
    return open_reply(signer, field("encrypt"), field("msgsignature"), field("timestamp"), field("nonce"));
}

std::string open_app_reply(wecom_signer const& signer, std::string const& body) {
    return open_reply(signer, xml_field(body, "Encrypt"), xml_field(body, "MsgSignature"),
                      xml_field(body, "TimeStamp"), xml_field(body, "Nonce"));
}

std::string bot_text_json(bot_text const& m) {
    json j{{"msgid", m.msgid},
           {"aibotid", m.aibotid},
           {"chattype", m.chattype},
           {"from", {{"userid", m.userid}}},
           {"response_url", m.response_url},
           {"msgtype", "text"},
           {"text", {{"content", m.content}}}};
    if (m.chattype == "group") j["chatid"] = m.chatid;
    return j.dump();
}

std::string app_text_xml(app_text const& m) {
    auto when = m.create_time ? m.create_time : unix_now();
    return "<xml><ToUserName>" + cdata(m.corp_id) + "</ToUserName><FromUserName>" + cdata(m.from_user) +
           "</FromUserName><CreateTime>" + std::to_string(when) + "</CreateTime><MsgType>" + cdata("text") +
           "</MsgType><Content>" + cdata(m.content) + "</Content><MsgId>" + m.msg_id + "</MsgId><AgentID>" +
           m.agent_id + "</AgentID></xml>";
}

std::string customer_group_change_xml(customer_group_change const& e) {
    auto when = e.create_time ? e.create_time : unix_now();
    std::string items;
    for (auto const& id : e.members) items += "<Item>" + cdata(id) + "</Item>";
    std::string scene = e.update_detail == "del_member" ? "<QuitScene>" + std::to_string(e.quit_scene) + "</QuitScene>"
                                                        : "<JoinScene>" + std::to_string(e.join_scene) + "</JoinScene>";
    return "<xml><ToUserName>" + cdata(e.corp_id) + "</ToUserName><FromUserName>" + cdata("sys") +
           "</FromUserName><CreateTime>" + std::to_string(when) + "</CreateTime><MsgType>" + cdata("event") +
           "</MsgType><Event>" + cdata("change_external_chat") + "</Event><ChatId>" + cdata(e.chat_id) +
           "</ChatId><ChangeType>" + cdata("update") + "</ChangeType><UpdateDetail>" + cdata(e.update_detail) +
           "</UpdateDetail>" + scene + "<MemChangeCnt>" + std::to_string(e.members.size()) +
           "</MemChangeCnt><MemChangeList>" + items + "</MemChangeList></xml>";
}

}  // namespace testing
