@echo off
rem SIFT's command line on Windows: runs lib\sift.jar of this distribution with the arguments given,
rem as "java -jar lib\sift.jar ARGUMENTS" does. JAVA_HOME picks the Java (else java on the PATH),
rem JAVA_OPTS adds JVM options. Without --etc and without .\etc, this distribution's etc\ is used.
rem Methods are compiled after three times the JVM's usual number of calls: fewer compilations take
rem the CPU from a fresh process's first transfer (bin/sift says more). JAVA_OPTS comes after, and wins.
setlocal
set "SIFT_HOME=%~dp0.."

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
  "%JAVA%" -XX:CompileThresholdScaling=3 %JAVA_OPTS% -jar "%SIFT_HOME%\lib\sift.jar" --etc "%SIFT_ETC%" %*
) else (
  "%JAVA%" -XX:CompileThresholdScaling=3 %JAVA_OPTS% -jar "%SIFT_HOME%\lib\sift.jar" %*
)
exit /b %ERRORLEVEL%
