# qunbot_plugin(NAME [SOURCES ...] [TESTS ...] [TEST_PLUGINS ...])
# Declares a plugin folder: its sources become a library linked into the bot, its register
# function is added to the generated plugin table, and its tests become a test executable.
# A plugin's code never links another plugin (they meet through services); its tests may load
# other plugins (TEST_PLUGINS), and are left out, with a note, when one of those folders is gone.
set_property(GLOBAL PROPERTY QUNBOT_PLUGINS "")

function(qunbot_plugin name)
    cmake_parse_arguments(P "" "" "SOURCES;TESTS;TEST_PLUGINS" ${ARGN})
    if(NOT P_SOURCES)
        file(GLOB P_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
    endif()
    if(NOT P_TESTS)
        file(GLOB P_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/*.cpp)
    endif()
    add_library(qunbot_plugin_${name} STATIC ${P_SOURCES})
    target_link_libraries(qunbot_plugin_${name} PUBLIC qunbot_core PRIVATE qunbot_warnings)
    set_property(GLOBAL APPEND PROPERTY QUNBOT_PLUGINS ${name})
    # By folder, not by target: a folder sorting after this one has no target yet, and target names
    # in target_link_libraries are resolved when the build is generated.
    foreach(other ${P_TEST_PLUGINS})
        if(NOT EXISTS ${PROJECT_SOURCE_DIR}/plugins/${other}/CMakeLists.txt OR other IN_LIST QUNBOT_SKIP_PLUGINS)
            message(STATUS "plugin ${name}: its tests load plugin ${other}, which is not in this build; they are left out")
            set(P_TESTS "")
        endif()
    endforeach()
    if(QUNBOT_TESTS AND P_TESTS)
        add_executable(plugin_${name}_tests ${P_TESTS})
        target_link_libraries(plugin_${name}_tests PRIVATE qunbot_plugin_${name} qunbot_test_support qunbot_warnings)
        foreach(other ${P_TEST_PLUGINS})
            target_link_libraries(plugin_${name}_tests PRIVATE qunbot_plugin_${other})
        endforeach()
        if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/demo.txt)
            # The demo test plays demo.txt through the console sandbox (tests/support/sandbox.hpp),
            # as `qunbot --script` does.
            target_link_libraries(plugin_${name}_tests PRIVATE qunbot_console)
            target_compile_definitions(plugin_${name}_tests PRIVATE QUNBOT_DEMO="${CMAKE_CURRENT_SOURCE_DIR}/demo.txt")
        endif()
        include(Catch)
        catch_discover_tests(plugin_${name}_tests WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                             PROPERTIES ENVIRONMENT "QUNBOT_SOURCE=${PROJECT_SOURCE_DIR}")
    endif()
endfunction()
