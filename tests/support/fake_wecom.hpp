#pragma once
/// A fake WeCom API server for tests: the qyapi.weixin.qq.com endpoints the adapter calls, on
/// loopback with WeCom's paths, JSON shapes and errcodes. It runs on the fakes' io thread; the test
/// thread configures it, then waits on the calls it recorded.

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing {

/// Settings fixed when the fake starts.
struct fake_wecom_options {
    std::string corp_id = "ww-fake-corp";
    std::string corp_secret = "fake-secret";
    int expires_in = 7200;         ///< seconds a token lives; it is answered 42001 after that
    int webhook_per_minute = 20;   ///< accepted messages per rolling minute per webhook key
    int agent_id = 0;              ///< message/send refuses another agentid (40056); 0 accepts any
};

/// The WeCom API, faked.
///
/// Errcodes are WeCom's: 40001 wrong secret, 40013 wrong corpid, 41001 no access_token, 40014 a
/// token that is not the current one, 42001 an expired one, 47001 a body that is not JSON, 41011
/// no agentid, 81013 no recipient, 44004 empty text, 86003 unknown app chat, 60111 unknown user,
/// 40050 unknown customer group, 93000 unknown webhook key, 45009 over the webhook limit. For a
/// reused or unknown response_code the fake's choice is `response_code_error` (WeCom documents no
/// code for it). Unknown paths answer HTTP 404 with {"errcode":404}.
class fake_wecom {
public:
    static constexpr int response_code_error = 40029;

    /// One request as it arrived.
    struct call {
        std::string method;                         ///< "GET" / "POST"
        std::string path;                           ///< without the query, e.g. "/cgi-bin/message/send"
        std::map<std::string, std::string> query;   ///< url-decoded
        nlohmann::json body;                        ///< parsed JSON body; null when none or not JSON
        std::string raw_body;                       ///< the body as sent
        std::chrono::steady_clock::time_point time;
        int errcode = 0;                            ///< what the fake answered
    };

    explicit fake_wecom(fake_wecom_options opt = {});
    ~fake_wecom();
    fake_wecom(fake_wecom const&) = delete;
    fake_wecom& operator=(fake_wecom const&) = delete;

    unsigned short port() const { return port_; }
    /// "http://127.0.0.1:PORT", the adapter's api_base.
    std::string base_url() const;
    fake_wecom_options const& options() const;

    // access_token
    /// The next `times` gettoken requests are answered `errcode` (e.g. -1 busy, 45009).
    void fail_token(int errcode, int times = 1);
    /// gettoken answers after `delay`, so concurrent senders pile up behind one refresh.
    void token_delay(std::chrono::milliseconds delay);
    /// expires_in of tokens issued from now on.
    void set_expires_in(int seconds);
    /// The current token is answered 42001 from now on by every endpoint.
    void expire_token();
    /// The token most recently issued ("" before the first).
    std::string current_token() const;
    /// gettoken requests received, failed ones included.
    std::size_t token_requests() const;

    // directory
    void add_user(std::string const& userid, std::string const& name);
    /// An app-created group chat (appchat/send, appchat/get).
    void add_appchat(std::string const& chatid, std::string const& name, std::string const& owner,
                     std::vector<std::string> const& userlist);
    /// A customer group (externalcontact/groupchat/get). Members whose userid starts with "wm" or
    /// "wo" are external contacts (type 2), the others corp members (type 1); the owner is a member
    /// and the only admin. Names come from add_user, else the userid.
    void add_customer_group(std::string const& chat_id, std::string const& name, std::string const& owner,
                            std::vector<std::string> const& members);
    void add_customer_member(std::string const& chat_id, std::string const& userid);
    void remove_customer_member(std::string const& chat_id, std::string const& userid);

    // group robots
    void add_webhook(std::string const& key);
    /// Forces the next `n` webhook answers to 45009, whatever the rolling count says.
    void rate_limit_next(int n);
    /// A webhook message the fake accepted.
    struct webhook_message {
        std::string key;
        std::string msgtype;
        std::string content;
        std::vector<std::string> mentioned_list;
    };
    std::vector<webhook_message> webhook_messages() const;

    // intelligent bot replies
    /// A fresh single-use response_url: "http://127.0.0.1:PORT/cgi-bin/aibot/response?response_code=C".
    std::string issue_response_code();

    // recording
    std::vector<call> calls() const;
    /// Calls to `path` (no query).
    std::vector<call> calls(std::string const& path) const;
    std::size_t count(std::string const& path) const;
    /// Waits until `count` calls to `path` arrived (or `timeout` passed); the calls to `path` so far.
    std::vector<call> wait_for(std::string const& path, std::size_t count,
                               std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

    struct state;

private:
    std::shared_ptr<state> s_;
    unsigned short port_ = 0;
};

}  // namespace testing
