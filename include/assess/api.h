/* The version of assess and the mark of its exported symbols, shared by the C++ API and the
 * C API (assess.h). Plain preprocessor, so that C and C++ both include it.
 *
 * libassess is built with every symbol hidden except those marked ASSESS_API: the C++
 * classes and functions of include/assess/ and the assess_* functions of assess.h. The
 * internals (the checker, the evaluator, yaml-cpp, fmt) never appear in the shared
 * library's dynamic symbol table, so an integrator cannot come to depend on them. */
#ifndef ASSESS_API_H_
#define ASSESS_API_H_

/* The release, as in CMake's project(VERSION); CMakeLists.txt reads it from here. */
#define ASSESS_VERSION_MAJOR 0
#define ASSESS_VERSION_MINOR 1
#define ASSESS_VERSION_PATCH 0
#define ASSESS_VERSION_STRING "0.1.0"

/* The binary interface: the SOVERSION of libassess.so (libassess.so.1) and the value that
 * assess_abi_version() returns. It goes up with every change that breaks a program built
 * against an earlier release (C or C++), so an old program never loads a library it does
 * not fit. A program loading the library at run time (JNA, P/Invoke, cgo with dlopen)
 * compares assess_abi_version() with the ASSESS_ABI_VERSION it was written for. */
#define ASSESS_ABI_VERSION 1

/* Default visibility both when the library is built (the symbol is exported) and when it
 * is used (a consumer compiled with -fvisibility=hidden still links to the shared library
 * through the PLT). A static library ignores it. */
#if defined(__GNUC__) || defined(__clang__)
#define ASSESS_API __attribute__((visibility("default")))
#else
#define ASSESS_API
#endif

#endif /* ASSESS_API_H_ */
