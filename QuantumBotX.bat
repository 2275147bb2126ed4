@echo off
rem QuantumBotX: double-click to start the dashboard. The first start makes .venv and installs the
rem requirements (a few minutes); later starts open the dashboard at once. Close this window to stop it.
setlocal
chcp 65001 >nul
cd /d "%~dp0"
set "PYTHONUTF8=1"
where py >nul 2>nul
if %errorlevel%==0 (
    py -3 "%~dp0start.py" %*
) else (
    python "%~dp0start.py" %*
)
if errorlevel 1 pause
endlocal
