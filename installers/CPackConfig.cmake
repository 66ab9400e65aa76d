# SPDX-License-Identifier: GPL-3.0-or-later
# Packages of Vigil (issue 11). `cpack -G DEB` in a build folder makes the Debian package
# (scripts/package.sh builds, installs and checks it). On Windows `cpack -G NSIS` or `-G WIX`
# makes an installer from the same install rules (docs/INSTALL.md: not buildable here).
set(CPACK_PACKAGE_NAME "vigil")
set(CPACK_PACKAGE_VENDOR "Vigil project")
set(CPACK_PACKAGE_CONTACT "Vigil project <vigil@localhost>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Forensic triage for online child sexual exploitation investigations")
set(CPACK_PACKAGE_DESCRIPTION
    "Vigil opens seized disk images read-only and shows the conversations, the media and the children "
    "who were contacted, the ones in most danger first, with a timeline, a victim map and a court-ready "
    "report. This package holds the command line (vigil), the desktop application (vigil-desktop), "
    "their data files, manual pages and the demo evidence.")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Vigil")
set(CPACK_PACKAGE_EXECUTABLES "vigil-desktop" "Vigil")
set(CPACK_STRIP_FILES ON)   # the build keeps line tables for tests; the package does not need them
set(CPACK_GENERATOR "DEB")

# Debian: the libraries come from dpkg-shlibdeps; what is loaded at run time by path is listed here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libdlib-data, opencv-data, qt6-qpa-plugins")   # face landmarks, Haar cascades, Qt's window-system plugins
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ewf-tools, sleuthkit")

# Windows (NSIS, or WiX through -G WIX): a per-machine install with a Start-menu entry.
set(CPACK_NSIS_DISPLAY_NAME "Vigil ${PROJECT_VERSION}")
set(CPACK_NSIS_PACKAGE_NAME "Vigil")
set(CPACK_NSIS_MUI_ICON "${CMAKE_CURRENT_LIST_DIR}/windows/vigil.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\vigil-desktop.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON)   # offers to put vigil.exe on PATH
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Vigil.lnk' '$INSTDIR\\\\bin\\\\vigil-desktop.exe'")
set(CPACK_NSIS_DELETE_ICONS_EXTRA "Delete '$SMPROGRAMS\\\\$START_MENU\\\\Vigil.lnk'")
set(CPACK_WIX_UPGRADE_GUID "6C1D5A0E-4B7F-4E22-9A4C-2E5F0B9D7A31")   # fixed for the life of the product
set(CPACK_WIX_PRODUCT_ICON "${CMAKE_CURRENT_LIST_DIR}/windows/vigil.ico")
set(CPACK_WIX_PROGRAM_MENU_FOLDER "Vigil")

include(CPack)
