@echo off
rem pitr: applies Amazon DynamoDB point-in-time-recovery exports to an existing table.
rem
rem Starts the pitr command-line tool of this installation with Java 17 or newer:
rem %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, else java.exe on the PATH.
rem JAVA_OPTS is passed to the JVM, for example set JAVA_OPTS=-Xmx2g
setlocal

set "APP_HOME=%~dp0.."

if defined JAVA_HOME (
    set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
    set "JAVA_EXE=java.exe"
)
if defined JAVA_HOME if not exist "%JAVA_EXE%" (
    echo pitr: JAVA_HOME is %JAVA_HOME%, but %JAVA_EXE% does not exist: set JAVA_HOME to a Java 17 ^(or newer^) installation 1>&2
    exit /b 1
)
if not defined JAVA_HOME (
    where java.exe >nul 2>&1 || (
        echo pitr: no java.exe on the PATH and JAVA_HOME is not set: pitr needs Java 17 or newer 1>&2
        exit /b 1
    )
)

"%JAVA_EXE%" %JAVA_OPTS% -cp "%APP_HOME%\lib\*" dev.pitr.examples.PitrCli %*
exit /b %ERRORLEVEL%
