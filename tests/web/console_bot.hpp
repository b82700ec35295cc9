#pragma once
// A bot with the admin console on a free port, for the console's HTTP tests: real HTTP on
// loopback, a real core and SQLite file, sign-in by link.

#include <catch2/catch.hpp>

#include <regex>

#include "tests/support/fake_chat.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/pump.hpp"
#include "web/service.hpp"

namespace console_test {

using testing::http_reply;

/// A bot with the console on a free port, a known group "test:g1" and another "test:g2".
struct console_bot {
    testing::fake_chat chat;
    web::service svc;

    explicit console_bot(web::settings cfg = defaults(), std::string toml = "[bot]\nsuperusers = [\"root\"]\n")
        : chat(std::move(toml)), svc(chat.bot(), std::move(cfg)) {
        REQUIRE(svc.start());
        chat.user("bob").says("大家好");
        chat.user("carol").in("g2").says("你好");
    }

    static web::settings defaults() {
        web::settings s;
        s.enabled = true;
        s.port = 0;
        return s;
    }

    http_reply call(std::string const& method, std::string const& target, std::string const& body = {},
                    testing::http_headers headers = {}) {
        return testing::pump_beside(chat.io(), [&] {
            return testing::http_call(svc.port(), method, target, body, "application/x-www-form-urlencoded", headers);
        });
    }

    /// Signs in through a one-time link; returns the Cookie header value.
    std::string sign_in(web::grant g) {
        auto link = svc.link_for(std::move(g));
        auto token = link.substr(link.find("t=") + 2);
        auto r = call("POST", "/login", "t=" + token);
        REQUIRE(r.status == 303);
        auto cookie = r.header("set-cookie");
        return cookie.substr(0, cookie.find(';'));
    }

    static web::grant root() {
        web::grant g;
        g.platform = "test";
        g.user = bot::id("root");
        g.name = "root";
        g.superuser = true;
        return g;
    }

    /// The CSRF token of the session, as the pages carry it.
    std::string csrf(std::string const& cookie) {
        auto page = call("GET", "/", {}, {{"Cookie", cookie}});
        std::smatch m;
        REQUIRE(std::regex_search(page.body, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")));
        return m[1];
    }
};


}  // namespace console_test
