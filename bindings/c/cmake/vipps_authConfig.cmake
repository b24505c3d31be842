# CMake package for vipps-auth: find_package(vipps_auth 0.1) gives the targets
# vipps_auth::vipps_auth (shared library) and vipps_auth::vipps_auth_static.
# Installed to <prefix>/lib/cmake/vipps_auth/; paths are relative to that, so the prefix can move.
get_filename_component(_vipps_auth_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(APPLE)
  set(_vipps_auth_lib "${_vipps_auth_prefix}/lib/libvipps_auth.dylib")
else()
  set(_vipps_auth_lib "${_vipps_auth_prefix}/lib/libvipps_auth.so")
endif()
if(NOT TARGET vipps_auth::vipps_auth)
  add_library(vipps_auth::vipps_auth SHARED IMPORTED)
  set_target_properties(vipps_auth::vipps_auth PROPERTIES
    IMPORTED_LOCATION "${_vipps_auth_lib}"
    INTERFACE_INCLUDE_DIRECTORIES "${_vipps_auth_prefix}/include")
endif()
if(NOT TARGET vipps_auth::vipps_auth_static AND EXISTS "${_vipps_auth_prefix}/lib/libvipps_auth.a")
  add_library(vipps_auth::vipps_auth_static STATIC IMPORTED)
  # The Rust standard library's own needs, as `Libs.private` in vipps_auth.pc.
  set(_vipps_auth_system_libs pthread m)
  if(NOT APPLE)
    list(APPEND _vipps_auth_system_libs dl)
  endif()
  set_target_properties(vipps_auth::vipps_auth_static PROPERTIES
    IMPORTED_LOCATION "${_vipps_auth_prefix}/lib/libvipps_auth.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_vipps_auth_prefix}/include"
    INTERFACE_LINK_LIBRARIES "${_vipps_auth_system_libs}")
  unset(_vipps_auth_system_libs)
endif()
set(vipps_auth_FOUND TRUE)
unset(_vipps_auth_prefix)
unset(_vipps_auth_lib)
