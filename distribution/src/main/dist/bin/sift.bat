@echo off
rem SIFT's command line on Windows: runs lib\sift.jar of this distribution with the arguments given,
rem as "java -jar lib\sift.jar ARGUMENTS" does. JAVA_HOME picks the Java (else java on the PATH),
rem JAVA_OPTS adds JVM options. Without --etc and without .\etc, this distribution's etc\ is used.
rem Methods are compiled after three times the JVM's usual number of calls: fewer compilations take
rem the CPU from a fresh process's first transfer (bin/sift says more). JAVA_OPTS comes after, and wins.
rem The optimizing compiler leaves the JDK's call-site linking code to C1, as bin/sift has it ("quiet":
rem the JVM would print each command on standard output); compile commands or directives of one's own
rem replace these. The young generation is capped at 32 MiB (bin/sift says why), unless the options
rem size it themselves. The serial garbage collector is used (bin/sift says why), unless the options
rem choose one: the JVM refuses to start with two.
setlocal
set "SIFT_HOME=%~dp0.."

set "SIFT_JIT=-XX:CompileCommand=quiet -XX:CompileCommand=MaxNodeLimit,java/lang/invoke/*.*,1 -XX:CompileCommand=MaxNodeLimit,jdk/internal/org/objectweb/asm/*.*,1"
rem delayed expansion reads the options as they are, whatever quotes or signs they hold
setlocal EnableDelayedExpansion
set "SIFT_OWN_OPTIONS= !JAVA_OPTS! !JAVA_TOOL_OPTIONS! !JDK_JAVA_OPTIONS!"
set "SIFT_OWN_JIT="
if not "!SIFT_OWN_OPTIONS:CompileCommand=!"=="!SIFT_OWN_OPTIONS!" set "SIFT_OWN_JIT=1"
if not "!SIFT_OWN_OPTIONS:CompilerDirectives=!"=="!SIFT_OWN_OPTIONS!" set "SIFT_OWN_JIT=1"
set "SIFT_OWN_YOUNG="
if not "!SIFT_OWN_OPTIONS:-Xmn=!"=="!SIFT_OWN_OPTIONS!" set "SIFT_OWN_YOUNG=1"
if not "!SIFT_OWN_OPTIONS:NewSize=!"=="!SIFT_OWN_OPTIONS!" set "SIFT_OWN_YOUNG=1"
if not "!SIFT_OWN_OPTIONS:NewRatio=!"=="!SIFT_OWN_OPTIONS!" set "SIFT_OWN_YOUNG=1"
set "SIFT_OWN_COLLECTOR="
for %%g in (UseSerialGC UseParallelGC UseParallelOldGC UseG1GC UseZGC UseShenandoahGC UseEpsilonGC UseConcMarkSweepGC) do (
  if not "!SIFT_OWN_OPTIONS:%%g=!"=="!SIFT_OWN_OPTIONS!" set "SIFT_OWN_COLLECTOR=1"
)
endlocal & set "SIFT_OWN_JIT=%SIFT_OWN_JIT%" & set "SIFT_OWN_YOUNG=%SIFT_OWN_YOUNG%" & set "SIFT_OWN_COLLECTOR=%SIFT_OWN_COLLECTOR%"
if defined SIFT_OWN_JIT set "SIFT_JIT="
set "SIFT_YOUNG=-XX:MaxNewSize=32m"
if defined SIFT_OWN_YOUNG set "SIFT_YOUNG="
set "SIFT_COLLECTOR=-XX:+UseSerialGC"
if defined SIFT_OWN_COLLECTOR set "SIFT_COLLECTOR="

if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)

set "SIFT_ETC="
if not exist "etc\" if exist "%SIFT_HOME%\etc\" set "SIFT_ETC=%SIFT_HOME%\etc"
rem "for" splits --etc=DIR at the "=", so both spellings are seen as --etc
for %%a in (%*) do if /i "%%~a"=="--etc" set "SIFT_ETC="

if defined SIFT_ETC (
  "%JAVA%" %SIFT_JIT% -XX:CompileThresholdScaling=3 %SIFT_YOUNG% %SIFT_COLLECTOR% %JAVA_OPTS% -jar "%SIFT_HOME%\lib\sift.jar" --etc "%SIFT_ETC%" %*
) else (
  "%JAVA%" %SIFT_JIT% -XX:CompileThresholdScaling=3 %SIFT_YOUNG% %SIFT_COLLECTOR% %JAVA_OPTS% -jar "%SIFT_HOME%\lib\sift.jar" %*
)
exit /b %ERRORLEVEL%
