package org.councilchat.staff;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of a member of staff whose account an administrator has disabled, or from whom they took a role, at their next request to any
 * server (within {@link StaffDirectory#FRESH_FOR} of the change), rather than when the session would time out: a
 * leaver's browser left open must stop working now. The request then goes on as anyone's who is not signed in.
 */
class DisabledStaffSignedOut extends OncePerRequestFilter {

    private final StaffDirectory directory;

    DisabledStaffSignedOut(StaffDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null
                && signedIn.isAuthenticated()
                && directory
                        .account(signedIn.getName())
                        .filter(account -> !account.enabled() || lostARole(signedIn, account))
                        .isPresent()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether the session holds a role the account no longer has: a role taken away counts at once (a demoted
     * administrator must not keep administering), a role given counts from the next sign-in.
     */
    private static boolean lostARole(Authentication signedIn, StaffAccount account) {
        return signedIn.getAuthorities().stream()
                .map(authority -> authority.getAuthority())
                .filter(authority -> authority != null && authority.startsWith("ROLE_"))
                .anyMatch(authority -> !account.hasRole(authority.substring("ROLE_".length())));
    }
}
