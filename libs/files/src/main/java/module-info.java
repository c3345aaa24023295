/**
 * Crash-safe file writing: atomic replacement of files and directories, and removal of directory trees. Every
 * module that writes a file another process or a resumed run will read uses it (JDK only).
 */
module org.imlbench.files {
    exports org.imlbench.files;
}
