; Inno Setup 6 script: per-user installer for Evidence Desk (no administrator rights needed).
;
;   ISCC /DAppVersion=0.1.0 /DSourceDir=dist\EvidenceDesk /DIconFile=build\icons\evidence-desk.ico ^
;        /Odist\installer packaging\windows\evidence-desk.iss
;
; packaging\build.py --installer passes these. The program goes to
; %LOCALAPPDATA%\Programs\Evidence Desk; evidence stores live elsewhere (by default
; %LOCALAPPDATA%\EvidenceDesk\store, or any folder the user chose) and are never touched:
; the uninstaller deletes only the files this installer put down, plus the program folder's
; own caches. It never deletes a store, a backup or a bundle - losing evidence to an uninstall
; is not an acceptable failure mode.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\EvidenceDesk"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\evidence-desk.ico"
#endif

[Setup]
AppId={{6A0C3D52-7F1B-4C59-9E1D-3B8E5F2A9C41}
AppName=Evidence Desk
AppVersion={#AppVersion}
AppVerName=Evidence Desk {#AppVersion}
AppPublisher=Evidence Desk
VersionInfoVersion={#AppVersion}
; per-user: no UAC prompt, installs under the user's profile
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Evidence Desk
DefaultGroupName=Evidence Desk
DisableProgramGroupPage=yes
OutputBaseFilename=EvidenceDesk-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\EvidenceDesk.exe
UninstallDisplayName=Evidence Desk {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; an upgrade closes a running copy first, so no file is replaced while in use
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships Chinese Simplified as an unofficial translation; use it when present
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Evidence Desk"; Filename: "{app}\EvidenceDesk.exe"; WorkingDir: "{userdocs}"
Name: "{group}\Evidence Desk self-test"; Filename: "{app}\evidence-desk.exe"; Parameters: "--self-test --no-gui"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,Evidence Desk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Evidence Desk"; Filename: "{app}\EvidenceDesk.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\EvidenceDesk.exe"; Description: "{cm:LaunchProgram,Evidence Desk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only Python bytecode caches the program itself may have written inside {app}
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
// Refuse to install into a folder that holds an evidence store, so that an uninstall (which
// removes {app}) can never take a store with it.
function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = wpSelectDir) and FileExists(AddBackslash(WizardDirValue) + 'store.json') then
  begin
    MsgBox('This folder holds an Evidence Desk store. Choose another folder for the program.',
      mbError, MB_OK);
    Result := False;
  end;
end;

function InitializeUninstall(): Boolean;
begin
  Result := True;
  if FileExists(ExpandConstant('{app}\store.json')) then
  begin
    MsgBox('An evidence store was found in the program folder; the uninstaller will not ' +
      'remove it. Move it to another folder first.', mbError, MB_OK);
    Result := False;
  end;
end;
