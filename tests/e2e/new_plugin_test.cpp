// The scaffolding script makes a plugin folder whose files match the plugin API.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "tests/support/process.hpp"

namespace fs = std::filesystem;

TEST_CASE("new-plugin.sh scaffolds a plugin folder with a test and a README", "[e2e]") {
    std::random_device rd;
    auto root = fs::temp_directory_path() / ("qunbot-scaffold-" + std::to_string(rd()));
    fs::create_directories(root / "scripts");
    fs::create_directories(root / "plugins");
    fs::copy_file(testing::source_dir() + "/scripts/new-plugin.sh", root / "scripts/new-plugin.sh");
    auto r = testing::run_process({"/bin/bash", (root / "scripts/new-plugin.sh").string(), "greeter"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(fs::exists(root / "plugins/greeter/plugin.cpp"));
    CHECK(fs::exists(root / "plugins/greeter/tests/greeter_test.cpp"));
    CHECK(fs::exists(root / "plugins/greeter/README.md"));
    std::stringstream body;
    body << std::ifstream(root / "plugins/greeter/plugin.cpp").rdbuf();
    CHECK(body.str().find("namespace plugins::greeter") != std::string::npos);

    auto again = testing::run_process({"/bin/bash", (root / "scripts/new-plugin.sh").string(), "greeter"});
    CHECK(again.exit_code == 1);
    auto bad = testing::run_process({"/bin/bash", (root / "scripts/new-plugin.sh").string(), "Bad-Name"});
    CHECK(bad.exit_code == 2);
    fs::remove_all(root);
}
