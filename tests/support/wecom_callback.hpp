#pragma once
/// WeCom's callbacks into the bot, for tests: URL verification and encrypted POSTs signed with a
/// wecom_signer, the plaintexts WeCom sends, and the opening of the bot's passive replies. Calls
/// run on the test thread and block until the bot answers (or the timeout).

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/http_client.hpp"
#include "tests/support/wecom_signer.hpp"

namespace testing {

/// One plain HTTP/1.1 request to 127.0.0.1:`port` (`target` is path plus query).
http_reply http_exchange(unsigned short port, std::string const& method, std::string const& target,
                         std::string const& body = {}, std::string const& content_type = "application/json",
                         std::chrono::milliseconds timeout = std::chrono::seconds(5));

/// Percent-encoding of everything but unreserved characters (RFC 3986), as echostr is sent.
std::string url_encode(std::string const& text);

/// How to spoil a callback. Every fault but bad_signature is signed correctly, so it reaches the
/// decryption.
enum class callback_fault {
    none,
    bad_signature,     ///< msg_signature off by one hex digit
    not_base64,        ///< the ciphertext is not base64
    bad_block_length,  ///< base64 of 20 bytes: no AES-CBC decryption accepts it
    wrong_key,         ///< encrypted with another EncodingAESKey
    wrong_receive_id,  ///< encrypted for another receive id (another corp)
};

struct callback_options {
    callback_fault fault = callback_fault::none;
    std::string timestamp;  ///< "" → now, in unix seconds; set to replay
    std::string nonce;      ///< "" → random digits; set to replay
    std::string random16;   ///< "" → random; with the same timestamp and nonce, the same request again
};

/// What was sent (for replays and for checking passive replies) and what the bot answered.
struct callback_reply {
    int status = 0;
    std::string body;
    std::string timestamp;
    std::string nonce;
    std::string msg_signature;
    std::string encrypted;
};

/// URL verification: GET path?msg_signature&timestamp&nonce&echostr (url-encoded). The bot should
/// answer 200 with `echo_plain`.
callback_reply verify_callback_url(unsigned short port, std::string const& path, wecom_signer const& signer,
                                   std::string const& echo_plain, callback_options const& opt = {});

/// Intelligent-bot callback: POST path?msg_signature&timestamp&nonce with {"encrypt":"…"}.
callback_reply post_bot_callback(unsigned short port, std::string const& path, wecom_signer const& signer,
                                 std::string const& plain_json, callback_options const& opt = {});

/// App callback: POST path?msg_signature&timestamp&nonce with
/// <xml><ToUserName>corp</ToUserName><Encrypt>…</Encrypt><AgentID>id</AgentID></xml>.
callback_reply post_app_callback(unsigned short port, std::string const& path, wecom_signer const& signer,
                                 std::string const& plain_xml, std::string const& corp_id,
                                 std::string const& agent_id, callback_options const& opt = {});

/// The plaintext of an intelligent bot's passive reply {"encrypt","msgsignature","timestamp","nonce"};
/// throws std::runtime_error when it is not that shape or its signature is wrong.
std::string open_bot_reply(wecom_signer const& signer, std::string const& body);
/// The same for an app's XML passive reply (Encrypt, MsgSignature, TimeStamp, Nonce).
std::string open_app_reply(wecom_signer const& signer, std::string const& body);

/// An intelligent-bot text message (the decrypted callback JSON).
struct bot_text {
    std::string msgid = "bot-msg-1";
    std::string aibotid = "aibot-1";
    std::string chatid = "wrkGroup1";  ///< left out for chattype "single", as WeCom does
    std::string chattype = "group";    ///< "group" / "single"
    std::string userid = "zhangsan";
    std::string response_url;
    std::string content;               ///< e.g. "@打卡助手 打卡"
};
std::string bot_text_json(bot_text const& m);

/// An app's private text message (the decrypted callback XML).
struct app_text {
    std::string corp_id = "ww-fake-corp";
    std::string from_user = "zhangsan";
    std::string content;
    std::string msg_id = "1234567890123456";
    std::string agent_id = "1000002";
    long long create_time = 0;  ///< 0 → now
};
std::string app_text_xml(app_text const& m);

/// A customer group's member change (change_external_chat, ChangeType update).
struct customer_group_change {
    std::string corp_id = "ww-fake-corp";
    std::string chat_id;
    std::string update_detail = "add_member";  ///< "add_member" / "del_member"
    int join_scene = 0;                        ///< add_member: 0 invited by a member (or link), 3 by QR code
    int quit_scene = 0;                        ///< del_member: 0 left, 1 removed by the owner or an admin
    std::vector<std::string> members;          ///< MemChangeList; MemChangeCnt is its size
    long long create_time = 0;                 ///< 0 → now
};
std::string customer_group_change_xml(customer_group_change const& e);

}  // namespace testing
